// Esc closes a photo opened larger (the theme's `.lightbox`, shown by `:target`). The back button
// and the close link work without this script; replace() adds no step to the history.
addEventListener("keydown", (e) => {
  const open = e.key === "Escape" && document.querySelector(".lightbox:target");
  if (open) location.replace("#" + open.id + "-photo");
});
