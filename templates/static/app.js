// Hireloop's small progressive enhancements. Every page works without this file.
"use strict";

document.addEventListener("submit", (event) => {
  // Destructive actions ask first: forms carry their question in data-confirm.
  const form = event.target;
  const question = form.dataset && form.dataset.confirm;
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});
