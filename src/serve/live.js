// canting serve: reloads the page after each rebuild and shows build problems over it.
(() => {
  const events = new EventSource("/__canting/events");
  events.addEventListener("reload", () => location.reload());
  events.addEventListener("problem", (e) => {
    const { title, text } = JSON.parse(e.data);
    let box = document.getElementById("canting-problem");
    if (!box) {
      box = document.createElement("div");
      box.id = "canting-problem";
      box.setAttribute("role", "alert");
      box.style.cssText = "OVERLAY_STYLE";
      document.body.append(box);
    }
    const heading = document.createElement("strong");
    heading.textContent = title;
    const pre = document.createElement("pre");
    pre.style.cssText = "TEXT_STYLE";
    pre.textContent = text;
    box.replaceChildren(heading, pre);
  });
})();
