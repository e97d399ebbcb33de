// Project-wide behaviour.
document.addEventListener("DOMContentLoaded", function () {
  document.documentElement.classList.add("js");
});
