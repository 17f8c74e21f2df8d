#!/usr/bin/env python3
"""Generate a synthetic, deterministic batik catalogue for benchmarking canting.

    python3 benches/gen_catalogue.py OUT_DIR [--preset small|large]
        [--workshops N] [--motifs N] [--events N] [--news N] [--pages N]
        [--languages id,en] [--seed S] [--force]

Writes OUT_DIR/site.yaml and OUT_DIR/content/ following canting's content model (see the README).
Standard library only. The same arguments and seed always give byte-identical output.
"""

import argparse
import itertools
import os
import re
import shutil
import sys
import time
import random
from datetime import date, timedelta

PRESETS = {
    "small": dict(workshops=200, motifs=300, events=60, news=100, pages=5),
    "large": dict(workshops=2000, motifs=3000, events=600, news=1000, pages=5),
}
SECTIONS = ["workshops", "motifs", "events", "news", "pages"]

# The 22 kecamatan of Kabupaten Blitar with rough centre coordinates.
DISTRICTS = [
    ("Bakung", -8.28, 112.13), ("Binangun", -8.22, 112.33), ("Doko", -8.02, 112.36),
    ("Gandusari", -8.00, 112.30), ("Garum", -8.08, 112.22), ("Kademangan", -8.14, 112.17),
    ("Kanigoro", -8.13, 112.21), ("Kesamben", -8.14, 112.35), ("Nglegok", -8.03, 112.17),
    ("Panggungrejo", -8.27, 112.27), ("Ponggok", -8.07, 112.07), ("Sanankulon", -8.08, 112.10),
    ("Selopuro", -8.11, 112.30), ("Selorejo", -8.10, 112.38), ("Srengat", -8.08, 112.05),
    ("Sutojayan", -8.18, 112.20), ("Talun", -8.08, 112.27), ("Udanawu", -8.03, 112.05),
    ("Wates", -8.26, 112.37), ("Wlingi", -8.08, 112.32), ("Wonodadi", -8.06, 112.00),
    ("Wonotirto", -8.27, 112.22),
]
VILLAGES = (
    "Sumberasri Kemloko Bendosari Tegalasri Jatilengger Karangsono Penataran Modangan Sumberagung "
    "Ngadirenggo Tambakrejo Kalipucung Suruhwadang Sukorejo Kedungbunder Plosoarang Sumbersih "
    "Tuliskriyo Bacem Kebonsari Gogodeso Slorok Candirejo Kaweron Bagelenan Jiwut Gaprang Pojok "
    "Kendalrejo Tingal Balerejo Sidorejo Dayu Maron Karangrejo Ringinanyar Bendo Kunir Jeblog"
).split()
STREETS = ["Jl. Raya", "Jl. Merdeka", "Jl. Kenanga", "Jl. Melati", "Jl. Anggrek", "Jl. Mawar",
           "Jl. Diponegoro", "Jl. Sudirman", "Jl. Kartini", "Jl. Ahmad Yani", "Jl. Sultan Agung"]

WS_A = ("Sekar Putri Dewi Mekar Sri Citra Kencana Larasati Arum Ayu Cahaya Dyah Gading Indah Jaya "
        "Kartika Laras Lestari Mulya Nawang Pandan Puspa Ratna Rukmi Sari Tirta Wahyu Widya Wijaya "
        "Wulan Bintang Candra Damar Embun Giri Harum Intan Kinanti Melati Nila").split()
WS_B = ("Jagad Melati Wangi Asri Sejati Mulia Abadi Lestari Rahayu Makmur Utama Ayu Kencana Mandiri "
        "Santosa Sentosa Widodo Agung Arta Budaya Cemerlang Dewata Endah Gemilang Kusuma Murni Nusantara "
        "Pertiwi Raharja Sakti Tama Wibawa Yogya Sumringah Manunggal Barokah Sumber Rejeki").split()
MOTIF_A = ("Kendi Sekar Parang Kawung Truntum Gurda Sidomukti Mega Lereng Ceplok Kembang Sulur Merak "
           "Kupu Gunungan Penataran Koi Belimbing Kopi Cengkeh Nanas Pecut Jagung Tebu Padi Kelapa "
           "Teratai Melati Anggrek Mawar Garuda Naga Singo Kijang Burung Ikan Candi Gamelan Wayang "
           "Pawon Lesung Kentongan Tumpeng Sawah Gunung Kelud Brantas Lodoyo Rambutan").split()
MOTIF_B = ("Gandrung Mendung Rinonce Seling Wangi Kencana Sari Ageng Alit Rukmi Asri Sekar Arum Jati "
           "Mulyo Lerep Kembar Sejodo Manunggal Tumaruntum Ngrembaka Semi Wiji Sumilir Sumunar Mekar "
           "Tinata Rineka Kinasih Gumelar Lumintu Rahayu Raharjo Dewi Lintang Surya Candra Banyu Geni "
           "Angin").split()
PERSONS = ("Siti Rahayu|Sri Wahyuni|Dwi Lestari|Endang Susilowati|Agus Santoso|Budi Prasetyo|"
           "Eko Wibowo|Tri Handayani|Yuli Astuti|Rina Kurniawati|Ahmad Fauzi|Suparno|Sumiati|"
           "Wahyu Hidayat|Nur Aini|Fitri Anggraini|Hendra Saputra|Lilik Suryani|Bambang Sutrisno|"
           "Dian Permatasari").split("|")
TAGS = ("tulis-halus cap-tradisional pewarna-alami ramah-lingkungan warisan motif-klasik motif-modern "
        "pesisiran pedalaman flora fauna geometris candi kopi kelud sogan indigo kelas-membatik "
        "wisata-edukasi oleh-oleh seragam kain-panjang selendang sarung kemeja ekspor umkm "
        "pemuda perempuan-pengrajin festival").split()
TECHNIQUES = ["tulis", "cap", "kombinasi", "printing", "ecoprint"]
DYES = ["natural", "synthetic"]
COLORS = [("sogan", "soga brown"), ("biru indigo", "indigo blue"), ("merah mengkudu", "noni red"),
          ("hijau daun", "leaf green"), ("kuning kunyit", "turmeric yellow"), ("hitam", "black"),
          ("putih gading", "ivory white"), ("coklat tua", "dark brown"), ("jingga", "orange"),
          ("ungu", "purple"), ("merah bata", "brick red"), ("abu-abu", "grey")]
ELEMENTS = [("kendi", "water jug"), ("bunga melati", "jasmine flower"), ("sulur", "tendril"),
            ("burung merak", "peacock"), ("daun kopi", "coffee leaf"), ("candi", "temple"),
            ("gunung", "mountain"), ("ombak", "wave"), ("ikan koi", "koi fish"), ("kupu-kupu", "butterfly"),
            ("padi", "rice stalk"), ("awan", "cloud"), ("bintang", "star"), ("garis miring", "diagonal line"),
            ("titik-titik", "dots"), ("belah ketupat", "lozenge"), ("daun waru", "waru leaf"), ("naga", "dragon")]
MEANINGS = [
    ("Lambang kasih sayang yang tidak pernah putus.", "A symbol of love that never ends."),
    ("Harapan akan rezeki yang mengalir seperti air.", "A wish for fortune that flows like water."),
    ("Kesuburan tanah Blitar dan kerja keras petani.", "The fertile soil of Blitar and the farmers' hard work."),
    ("Doa keselamatan bagi keluarga yang memakainya.", "A prayer for the safety of the wearer's family."),
    ("Keteguhan hati seperti Gunung Kelud.", "Steadfastness like Mount Kelud."),
    ("Persatuan warga desa dalam gotong royong.", "The unity of villagers working together."),
    ("Keindahan alam yang harus dijaga bersama.", "Natural beauty that we must protect together."),
    ("Kenangan akan kejayaan Candi Penataran.", "A memory of the glory of Penataran temple."),
    ("Kebijaksanaan para leluhur yang diwariskan.", "The wisdom handed down by the ancestors."),
    ("Semangat muda yang terus tumbuh dan berkembang.", "Young spirit that keeps growing."),
]
VENUES = ["Pendopo Ronggo Hadi Negoro", "Gedung Kesenian Blitar", "Alun-alun Blitar",
          "Kompleks Candi Penataran", "Perpustakaan Bung Karno", "Balai Desa", "Istana Gebang",
          "Pasar Legi Blitar", "Kampung Coklat", "Pantai Tambakrejo", "Lapangan Kanigoro",
          "Gedung Graha Patria"]
ORGANIZERS = ["Asosiasi Batik Blitar", "Dekranasda Kabupaten Blitar", "Dinas Koperasi dan UMKM Kabupaten Blitar",
              "Dinas Pariwisata Kabupaten Blitar", "Paguyuban Pengrajin Batik Blitar", "Karang Taruna Blitar"]
EVENT_KINDS = [("Pameran Batik", "Batik Exhibition"), ("Lokakarya Pewarnaan Alami", "Natural Dye Workshop"),
               ("Festival Batik", "Batik Festival"), ("Bazar Batik", "Batik Bazaar"),
               ("Kelas Membatik", "Batik Making Class"), ("Gelar Karya", "Showcase"),
               ("Lomba Desain Motif", "Motif Design Contest"), ("Temu Pengrajin", "Artisans' Meeting"),
               ("Peragaan Busana Batik", "Batik Fashion Show"), ("Pasar Kriya", "Craft Market")]
PAGES = [("tentang-kami", "Tentang Kami", "About Us"), ("kontak", "Kontak", "Contact"),
         ("bergabung", "Bergabung", "Join Us"), ("panduan-kunjungan", "Panduan Kunjungan", "Visitor Guide"),
         ("kebijakan-privasi", "Kebijakan Privasi", "Privacy Policy")]
SECTION_TITLES = {
    "id": {"": "Katalog Batik Blitar", "workshops": "Sanggar Batik", "motifs": "Motif",
           "events": "Agenda", "news": "Kabar", "pages": "Halaman"},
    "en": {"": "Blitar Batik Catalogue", "workshops": "Workshops", "motifs": "Motifs",
           "events": "Events", "news": "News", "pages": "Pages"},
}
LANG_NAMES = {"id": ("Bahasa Indonesia", "Katalog Batik Blitar"), "en": ("English", "Blitar Batik Catalogue")}

WORDS_ID = (
    "batik kain motif warna canting malam lilin pewarna alami sanggar pengrajin ibu bapak desa kampung "
    "kabupaten blitar kota pasar harga kualitas tangan halus kasar proses pencelupan pelorodan pola "
    "gambar garis titik bunga daun burung candi gunung sungai sawah petani kopi cengkeh tradisi budaya "
    "leluhur generasi muda anak cucu belajar kelas pelatihan pameran festival pengunjung wisatawan "
    "pembeli pesanan kiriman luar negeri dalam bersama setiap hari minggu bulan tahun lalu depan sekarang "
    "selalu sering kadang jarang sangat lebih paling cukup banyak sedikit semua beberapa yang dan atau "
    "tetapi karena sehingga agar supaya untuk dengan tanpa dari ke di pada oleh bagi tentang seperti "
    "antara sejak hingga sampai ketika saat jika kalau maka juga pula lagi sudah belum masih akan sedang "
    "bisa dapat harus perlu ingin mau membuat menjual membeli mencoba menggambar mewarnai mencuci menjemur "
    "menunggu melihat mendengar berbicara bercerita bekerja berkumpul bertemu berbagi menjaga merawat "
    "melestarikan mengembangkan memperkenalkan mengajarkan menghasilkan indah cantik rapi teliti sabar "
    "tekun tua baru lama panjang pendek besar kecil tinggi rendah terang gelap merah biru hijau kuning "
    "coklat hitam putih rumah halaman teras dapur meja kursi lemari jendela pintu jalan gang pasar toko "
    "warung koperasi kelompok paguyuban asosiasi dinas pemerintah program bantuan modal usaha keluarga "
    "suami istri tetangga teman guru murid sekolah pesanan seragam kantor acara pernikahan hadiah"
).split()
WORDS_EN = (
    "batik cloth motif colour canting wax dye natural workshop artisan mother father village hamlet "
    "regency blitar town market price quality hand fine rough process dyeing boiling pattern drawing "
    "line dot flower leaf bird temple mountain river rice field farmer coffee clove tradition culture "
    "ancestor generation young child grandchild learn class training exhibition festival visitor tourist "
    "buyer order shipment abroad inside together every day week month year last next now always often "
    "sometimes rarely very more most quite many few all several which and or but because so that to with "
    "without from into in on by for about like between since until when while if then also again already "
    "not yet still will being can could must need want make sell buy try draw colour wash dry wait see "
    "hear speak tell work gather meet share keep care preserve develop introduce teach produce beautiful "
    "pretty neat careful patient diligent old new long short large small tall low bright dark red blue "
    "green yellow brown black white house yard porch kitchen table chair cupboard window door road lane "
    "shop stall cooperative group association office government programme support capital business family "
    "husband wife neighbour friend teacher student school uniform event wedding gift the a the of the a "
    "the of to"
).split()
WORDS = {"id": WORDS_ID, "en": WORDS_EN}
HEADINGS = {
    "id": ["Sejarah", "Proses Pembuatan", "Bahan dan Alat", "Cara Berkunjung", "Harga dan Pesanan",
           "Makna Motif", "Kegiatan Bersama", "Catatan Penting", "Cerita Pengrajin", "Rencana ke Depan"],
    "en": ["History", "How It Is Made", "Materials and Tools", "How to Visit", "Prices and Orders",
           "Meaning of the Motif", "Shared Activities", "Important Notes", "An Artisan's Story", "Plans Ahead"],
}
TABLE_HEAD = {"id": ("Jenis", "Lama Pengerjaan", "Harga"), "en": ("Kind", "Time to Make", "Price")}
TABLE_ROWS = {"id": ["Batik tulis", "Batik cap", "Batik kombinasi", "Batik printing", "Ecoprint", "Selendang"],
              "en": ["Hand-drawn batik", "Stamped batik", "Combined batik", "Printed batik", "Ecoprint", "Shawl"]}
TABLE_TIME = {"id": "{} hari", "en": "{} days"}

YAML_WORDS = {"yes", "no", "true", "false", "on", "off", "null", "y", "n", "~"}
PLAIN_RE = re.compile(r"^[A-Za-z][A-Za-z0-9 .,'()/&-]*$")


def ys(s):
    """A YAML scalar for a string: plain when unambiguous, else double-quoted."""
    s = str(s)
    if PLAIN_RE.match(s) and s.lower() not in YAML_WORDS and not s.endswith(" "):
        return s
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def ylist(items):
    return "[" + ", ".join(ys(i) for i in items) + "]"


def slugify(s):
    s = s.lower().replace("'", "")
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


class Writer:
    """Builds Markdown bodies quickly from a weighted vocabulary."""

    def __init__(self, rng, lang):
        self.rng = rng
        self.lang = lang if lang in WORDS else "en"
        self.vocab = WORDS[self.lang]
        # Zipf-like weights so that text looks like text.
        cw, acc = [], 0.0
        for i in range(len(self.vocab)):
            acc += 1.0 / (1 + i % 60) ** 0.7
            cw.append(acc)
        self.cw = cw

    def words(self, k):
        return self.rng.choices(self.vocab, cum_weights=self.cw, k=k)

    def sentence(self, lo=6, hi=16):
        n = self.rng.randint(lo, hi)
        w = self.words(n)
        w[0] = w[0].capitalize()
        if n > 9 and self.rng.random() < 0.4:
            w[n // 2] += ","
        return " ".join(w) + ".", n

    def phrase(self, lo, hi):
        n = self.rng.randint(lo, hi)
        w = self.words(n)
        w[0] = w[0].capitalize()
        return " ".join(w), n

    def paragraph(self, links, budget=None):
        rng = self.rng
        parts, n = [], 0
        for _ in range(rng.randint(3, 7)):
            if budget is None:
                s, k = self.sentence()
            else:  # don't overshoot the word budget by much
                rem = max(3, budget - n)
                s, k = self.sentence(min(6, rem), min(16, rem))
            parts.append(s)
            n += k
            if budget is not None and n >= budget:
                break
        if rng.random() < 0.45:  # emphasis
            i = rng.randrange(len(parts))
            ws = parts[i].split(" ")
            j = rng.randrange(len(ws))
            w = ws[j].rstrip(".,")
            tail = ws[j][len(w):]
            mark = "**" if rng.random() < 0.5 else "*"
            ws[j] = mark + w + mark + tail
            parts[i] = " ".join(ws)
        while links:
            text, url = links.pop()
            i = rng.randrange(len(parts))
            lead = "Lihat juga" if self.lang == "id" else "See also"
            parts.insert(i + 1, f"{lead} [{text}]({url}).")
            n += 2 + len(text.split())
        return " ".join(parts), n

    def body(self, target, links):
        """Markdown of about `target` words with headings, lists, a table and the given links."""
        rng, lang = self.rng, self.lang
        out, n = [], 0
        heads = rng.sample(HEADINGS[lang], 4)
        links = list(links)
        rng.shuffle(links)
        # Spread the links over the first few paragraphs.
        link_slots = [[] for _ in range(4)]
        for i, l in enumerate(links):
            link_slots[i % 4].append(l)
        slot = 0

        def para(budget=None):
            nonlocal n, slot
            p, k = self.paragraph(link_slots[slot] if slot < 4 else [], budget)
            slot += 1
            out.append(p)
            n += k

        para()
        para()
        out.append("## " + heads[0]); n += len(heads[0].split())
        para()
        for _ in range(rng.randint(3, 5)):
            t, k = self.phrase(3, 8)
            out.append("- " + t); n += k
        para()
        out.append("## " + heads[1]); n += len(heads[1].split())
        para()
        for i in range(rng.randint(3, 5)):
            t, k = self.phrase(4, 9)
            out.append(f"{i + 1}. {t}"); n += k
        out.append("## " + heads[2]); n += len(heads[2].split())
        para()
        h = TABLE_HEAD[lang]
        rows = [f"| {h[0]} | {h[1]} | {h[2]} |", "|---|---|---|"]
        for kind in rng.sample(TABLE_ROWS[lang], 4):
            days = rng.randint(1, 60)
            price = rng.randint(3, 300) * 5000
            rows.append(f"| {kind} | {TABLE_TIME[lang].format(days)} | Rp{price:,} |".replace(",", "."))
            n += len(kind.split()) + 3
        n += 6
        out.append("\n".join(rows))
        para()
        out.append("## " + heads[3]); n += len(heads[3].split())
        target += 8  # margin: headings, numbers and table cells are counted loosely
        while n < target:  # the last paragraph stops as soon as the target is reached
            para(target - n)
        # Markdown wants blank lines between blocks, but list items sit on consecutive lines.
        text, prev_item = [], False
        for block in out:
            item = block[:2] == "- " or (block[0].isdigit() and block[1:3] == ". ")
            text.append(("\n" if (item and prev_item) else "\n\n") + block)
            prev_item = item
        return "".join(text).lstrip("\n") + "\n", n


def parse_args(argv):
    p = argparse.ArgumentParser(description="Generate a synthetic batik catalogue for canting benchmarks.")
    p.add_argument("out_dir")
    p.add_argument("--preset", choices=sorted(PRESETS))
    for s in SECTIONS:
        p.add_argument("--" + s, type=int, metavar="N")
    p.add_argument("--languages", default="id,en", help="comma-separated language codes (default id,en)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--force", action="store_true",
                   help="write into a non-empty OUT_DIR (deletes OUT_DIR/content and OUT_DIR/site.yaml first)")
    a = p.parse_args(argv)
    base = PRESETS[a.preset or "small"]
    for s in SECTIONS:
        if getattr(a, s) is None:
            setattr(a, s, base[s])
        if getattr(a, s) < 0:
            p.error(f"--{s} must be >= 0")
    langs = [l.strip() for l in a.languages.split(",") if l.strip()]
    if not langs or len(set(langs)) != len(langs) or not all(re.fullmatch(r"[a-z]{2,3}(-[A-Za-z]+)?", l) for l in langs):
        p.error("--languages: give distinct codes such as id,en")
    a.langs = langs
    if a.events and a.workshops < 2:
        p.error("events need at least 2 workshops")
    if a.workshops and a.motifs < 2:
        p.error("workshops need at least 2 motifs")
    return a


def unique(slug, taken):
    if slug not in taken:
        taken.add(slug)
        return slug
    for i in itertools.count(2):
        s = f"{slug}-{i}"
        if s not in taken:
            taken.add(s)
            return s


def make_data(a, rng):
    """Structured, language-independent data for every page."""
    data = {s: [] for s in SECTIONS}
    # Slugs first, so that references can point anywhere.
    taken = set()
    for i in range(a.workshops):
        d = rng.choice(DISTRICTS)
        name = f"Batik {rng.choice(WS_A)} {rng.choice(WS_B)}"
        if slugify(name) in taken:
            name += " " + d[0]
        slug = unique(slugify(name), taken)
        data["workshops"].append({"slug": slug, "name": name, "district": d})
    taken = set()
    for i in range(a.motifs):
        name = f"{rng.choice(MOTIF_A)} {rng.choice(MOTIF_B)}"
        if slugify(name) in taken:
            name += " " + rng.choice(MOTIF_B)
        slug = unique(slugify(name), taken)
        data["motifs"].append({"slug": slug, "name": name})
    ws_slugs = [w["slug"] for w in data["workshops"]]
    mo_slugs = [m["slug"] for m in data["motifs"]]

    for w in data["workshops"]:
        dname, lat, lon = w["district"]
        pmin = rng.randint(15, 100) * 5000
        w.update(
            district=dname,
            village=rng.choice(VILLAGES),
            address=f"{rng.choice(STREETS)} No. {rng.randint(1, 250)}, {dname}, Blitar",
            lat=round(lat + rng.uniform(-0.03, 0.03), 5),
            lon=round(lon + rng.uniform(-0.03, 0.03), 5),
            whatsapp=f"08{rng.randint(11, 59)}-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}",
            techniques=sorted(rng.sample(TECHNIQUES, rng.randint(1, 3)), key=TECHNIQUES.index),
            dyes=sorted(rng.sample(DYES, rng.randint(1, 2)), key=DYES.index),
            motifs=rng.sample(mo_slugs, min(len(mo_slugs), rng.randint(2, 5))),
            price=(pmin, pmin * rng.randint(2, 30)),
            founded=rng.randint(1965, 2023),
            accepts_visits=rng.random() < 0.7,
            classes=rng.random() < 0.4,
            tags=rng.sample(TAGS, rng.randint(1, 3)),
        )
    for m in data["motifs"]:
        m.update(
            origin=rng.choice(DISTRICTS)[0],
            meaning=rng.randrange(len(MEANINGS)),
            colors=rng.sample(range(len(COLORS)), rng.randint(2, 4)),
            elements=rng.sample(range(len(ELEMENTS)), rng.randint(1, 4)),
            created=rng.randint(1950, 2024),
            creator=rng.choice(ws_slugs) if ws_slugs and rng.random() < 0.3 else None,
            tags=rng.sample(TAGS, rng.randint(1, 3)),
        )
    taken = set()
    day0 = date(2025, 1, 1)
    ndays = (date(2028, 1, 1) - day0).days  # 2025-01-01 .. 2027-12-31
    for i in range(a.events):
        kind = rng.randrange(len(EVENT_KINDS))
        dname = rng.choice(DISTRICTS)[0]
        t = day0 + timedelta(days=rng.randrange(ndays))
        year = t.year
        slug = unique(slugify(f"{EVENT_KINDS[kind][0]} {dname} {year}"), taken)
        has_time = rng.random() < 0.3
        hour = rng.choice([8, 9, 10, 13, 15, 19])
        offset = "+07:00" if has_time and rng.random() < 0.15 else ""

        def fmt(tt, h):
            d = tt.isoformat()
            return f"{d}T{h:02d}:00{offset}" if has_time else d

        end = None
        if rng.random() < 0.4:
            te = t + timedelta(days=rng.randint(1, 3))
            end = fmt(te, min(hour + 8, 22))
        status = "scheduled"
        venue = rng.choice(VENUES)
        if venue == "Balai Desa":
            venue += " " + rng.choice(VILLAGES)
        data["events"].append(dict(
            slug=slug, kind=kind, district=dname, year=year, start=fmt(t, hour), end=end, venue=venue,
            address=f"{rng.choice(STREETS)} No. {rng.randint(1, 250)}, {dname}, Blitar",
            organizer=rng.choice(ORGANIZERS),
            workshops=rng.sample(ws_slugs, min(len(ws_slugs), rng.randint(2, 6))),
            free=rng.random() < 0.6, status=status,
        ))
    # Exactly ~5% cancelled and ~2% postponed (at least one each when there are 20+ events).
    ev = data["events"]
    n_c = max(round(len(ev) * 0.05), 1 if len(ev) >= 20 else 0)
    n_p = max(round(len(ev) * 0.02), 1 if len(ev) >= 20 else 0)
    for i, e in enumerate(rng.sample(range(len(ev)), n_c + n_p)):
        ev[e]["status"] = "cancelled" if i < n_c else "postponed"
    taken = set()
    nday0 = date(2019, 1, 1)
    for i in range(a.news):
        t = nday0 + timedelta(days=rng.randrange(365 * 8))
        data["news"].append(dict(
            date=t.isoformat(),
            author=rng.choice(PERSONS),
            nwords=rng.randint(4, 8),
        ))
    for i in range(a.pages):
        if i < len(PAGES):
            slug, tid, ten = PAGES[i]
        else:
            slug, tid, ten = f"halaman-{i + 1}", f"Halaman {i + 1}", f"Page {i + 1}"
        data["pages"].append(dict(slug=slug, title_id=tid, title_en=ten, menu=(i + 1) * 10))
    return data


def write_site(a, out):
    t0 = time.perf_counter()
    rng = random.Random(a.seed)
    data = make_data(a, rng)
    langs = a.langs
    default = "id" if "id" in langs else langs[0]
    content = os.path.join(out, "content")
    total_bytes = 0
    counts = {}  # (section, lang) -> pages

    def put(path, text):
        nonlocal total_bytes
        b = text.encode("utf-8")
        with open(path, "wb") as f:
            f.write(b)
        total_bytes += len(b)

    # site.yaml
    y = ["title: Katalog Batik Blitar", "base_url: https://example.org/katalog/",
         f"default_language: {default}", "languages:"]
    for l in langs:
        name, title = LANG_NAMES.get(l, (l, "Blitar Batik Catalogue"))
        y.append(f"  {l}: {{ name: {ys(name)}, title: {ys(title)} }}")
    y += ["theme: batik", "timezone: Asia/Jakarta", "organization:", "  name: Asosiasi Batik Blitar",
          '  whatsapp: "+62 812 0000 0000"', "  email: info@example.org", "  instagram: batikblitar",
          "  address: Blitar, Jawa Timur"]
    put(os.path.join(out, "site.yaml"), "\n".join(y) + "\n")

    for s in SECTIONS:
        os.makedirs(os.path.join(content, s), exist_ok=True)

    # Titles per language, for link texts.
    titles = {}
    for l in langs:
        tl = "id" if l == "id" else "en"
        ti = {}
        for w in data["workshops"]:
            ti[("workshops", w["slug"])] = w["name"]
        for m in data["motifs"]:
            ti[("motifs", m["slug"])] = m["name"]
        for e in data["events"]:
            k = EVENT_KINDS[e["kind"]]
            ti[("events", e["slug"])] = (f"{k[0]} {e['district']} {e['year']}" if tl == "id"
                                          else f"{e['district']} {k[1]} {e['year']}")
        titles[l] = ti
    link_pool = {s: [x["slug"] for x in data[s]] for s in ("workshops", "motifs", "events")}
    link_secs = [s for s in ("workshops", "motifs", "events") if link_pool[s]]

    writers = {l: Writer(rng, l) for l in langs}

    def links_for(l, depth, own_section=None, related=()):
        """2-4 links: one external, the rest relative file paths or root-relative URLs."""
        if not link_secs:
            return [("example.com", "https://example.com/batik")]
        k = rng.randint(2, 4)
        res = []
        kinds = ["rel", "root"] if k >= 3 else [rng.choice(["rel", "root"])]
        kinds += [rng.choice(["rel", "root"]) for _ in range(k - 1 - len(kinds))]
        prefix = "" if l == default else f"/{l}"
        for kind in kinds:
            if related and rng.random() < 0.5:
                sec, slug = rng.choice(related)
            else:
                sec = rng.choice(link_secs)
                slug = rng.choice(link_pool[sec])
            text = titles[l].get((sec, slug), slug)
            if kind == "rel":
                up = "../" * depth
                res.append((text, f"{up}{sec}/{slug}.{l}.md"))
            else:
                res.append((text, f"{prefix}/{sec}/{slug}/"))
        ext = rng.choice(["batik", "pewarna-alami", "canting", "kain/tulis", "museum"])
        res.append(("example.com", f"https://example.com/{ext}"))
        return res

    def fm(lines):
        return "---\n" + "\n".join(lines) + "\n---\n\n"

    # Home and section index pages.
    for l in langs:
        st = SECTION_TITLES.get(l, SECTION_TITLES["en"])
        for s in [""] + SECTIONS:
            w = writers[l]
            intro = " ".join(w.sentence()[0] for _ in range(rng.randint(3, 6)))
            links = links_for(l, 0 if s == "" else 1)[:2]
            body = intro + " " + " ".join(f"[{t}]({u})." for t, u in links) + "\n"
            path = os.path.join(content, s, f"_index.{l}.md") if s else os.path.join(content, f"_index.{l}.md")
            put(path, fm([f"title: {ys(st[s])}"]) + body)
            counts[("_index", l)] = counts.get(("_index", l), 0) + 1

    def emit(section, slug, per_lang):
        """per_lang(l) -> list of front matter lines; writes body for each language."""
        for l in langs:
            w = writers[l]
            lines, related = per_lang(l)
            target = rng.randint(600, 1290)
            body, _ = w.body(target, links_for(l, 1, section, related))
            put(os.path.join(content, section, f"{slug}.{l}.md"), fm(lines) + body)
            counts[(section, l)] = counts.get((section, l), 0) + 1

    for wk in data["workshops"]:
        def lines(l, wk=wk):
            en = l != "id"
            summary = (f"Batik workshop in {wk['village']}, {wk['district']}." if en
                       else f"Sanggar batik di Desa {wk['village']}, Kecamatan {wk['district']}.")
            return [
                f"title: {ys(wk['name'])}",
                f"summary: {ys(summary)}",
                f"district: {ys(wk['district'])}",
                f"village: {ys(wk['village'])}",
                f"address: {ys(wk['address'])}",
                f"location: {{ lat: {wk['lat']}, lon: {wk['lon']} }}",
                f'whatsapp: "{wk["whatsapp"]}"',
                f"techniques: {ylist(wk['techniques'])}",
                f"dyes: {ylist(wk['dyes'])}",
                f"motifs: {ylist(wk['motifs'])}",
                f"price_range: {{ min: {wk['price'][0]}, max: {wk['price'][1]} }}",
                f"founded: {wk['founded']}",
                f"accepts_visits: {str(wk['accepts_visits']).lower()}",
                f"classes: {str(wk['classes']).lower()}",
                f"tags: {ylist(wk['tags'])}",
            ], [("motifs", m) for m in wk["motifs"]]
        emit("workshops", wk["slug"], lines)

    for m in data["motifs"]:
        def lines(l, m=m):
            i = 0 if l == "id" else 1
            summary = (f"Motif {m['name']} dari {m['origin']}." if i == 0
                       else f"The {m['name']} motif from {m['origin']}.")
            out = [
                f"title: {ys(m['name'])}",
                f"summary: {ys(summary)}",
                f"origin: {ys(m['origin'])}",
                f"meaning: {ys(MEANINGS[m['meaning']][i])}",
                f"colors: {ylist(COLORS[c][i] for c in m['colors'])}",
                f"elements: {ylist(ELEMENTS[e][i] for e in m['elements'])}",
                f"created: {m['created']}",
            ]
            if m["creator"]:
                out.append(f"creator: {m['creator']}")
            out.append(f"tags: {ylist(m['tags'])}")
            return out, ([("workshops", m["creator"])] if m["creator"] else [])
        emit("motifs", m["slug"], lines)

    for e in data["events"]:
        def lines(l, e=e):
            out = [f"title: {ys(titles[l][('events', e['slug'])])}", f"start: {e['start']}"]
            if e["end"]:
                out.append(f"end: {e['end']}")
            out += [
                f"venue: {ys(e['venue'])}",
                f"address: {ys(e['address'])}",
                f"organizer: {ys(e['organizer'])}",
                f"workshops: {ylist(e['workshops'])}",
                f"free: {str(e['free']).lower()}",
                f"status: {e['status']}",
            ]
            return out, [("workshops", s) for s in e["workshops"]]
        emit("events", e["slug"], lines)

    taken = set()
    for n in data["news"]:
        # Title and summary text differ per language; slug comes from the default language title.
        ttl = {}
        for l in langs:
            t, _ = writers[l].phrase(n["nwords"], n["nwords"])
            ttl[l] = t
        slug = unique("-".join(slugify(ttl[default]).split("-")[:6]), taken)

        def lines(l, n=n, ttl=ttl):
            return [
                f"title: {ys(ttl[l])}",
                f"date: {n['date']}",
                f"author: {ys(n['author'])}",
                f"summary: {ys(writers[l].sentence(8, 18)[0])}",
            ], []
        emit("news", slug, lines)

    for p in data["pages"]:
        def lines(l, p=p):
            return [f"title: {ys(p['title_id'] if l == 'id' else p['title_en'])}", "layout: page",
                    f"menu: {p['menu']}"], []
        emit("pages", p["slug"], lines)

    return counts, total_bytes, time.perf_counter() - t0


def main(argv=None):
    a = parse_args(sys.argv[1:] if argv is None else argv)
    out = a.out_dir
    if os.path.exists(out):
        if not os.path.isdir(out):
            sys.exit(f"error: {out} exists and is not a directory")
        if os.listdir(out):
            if not a.force:
                sys.exit(f"error: {out} is not empty; use --force to replace its content/ and site.yaml")
            if os.path.isdir(os.path.join(out, "content")):
                shutil.rmtree(os.path.join(out, "content"))
            if os.path.lexists(os.path.join(out, "site.yaml")):
                os.remove(os.path.join(out, "site.yaml"))
    os.makedirs(out, exist_ok=True)
    counts, nbytes, secs = write_site(a, out)

    cols = ["_index"] + SECTIONS
    print(f"catalogue in {out} (seed {a.seed}, languages {','.join(a.langs)})")
    print(f"{'section':<10}" + "".join(f"{l:>8}" for l in a.langs) + f"{'total':>9}")
    total = 0
    for s in cols:
        row = [counts.get((s, l), 0) for l in a.langs]
        total += sum(row)
        print(f"{s:<10}" + "".join(f"{c:>8}" for c in row) + f"{sum(row):>9}")
    print(f"content pages: {total} (of which {sum(counts.get(('_index', l), 0) for l in a.langs)} _index)")
    print(f"total bytes: {nbytes} ({nbytes / 2**20:.1f} MiB) in {total + 1} files")
    print(f"generated in {secs:.1f} s")


if __name__ == "__main__":
    main()
