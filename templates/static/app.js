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

// The board: drag a card to another column to move it. The move goes through the same form
// endpoint as the card's own "Move" form, so the server's rule decides; the page then
// reloads and shows the outcome. Moves that need a reason or a date ask for one first.
(() => {
  const board = document.querySelector("[data-board]");
  if (!board) return;
  const forward = ["long_list", "short_list", "references", "ceo_interview", "offer", "hired", "started"];
  let dragged = null;

  board.addEventListener("dragstart", (event) => {
    const card = event.target.closest("[data-application]");
    if (!card) return;
    dragged = card;
    card.classList.add("dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", card.dataset.application);
    const allowed = (card.dataset.moves || "").split(" ");
    board.querySelectorAll(".board-column").forEach((column) => {
      column.classList.toggle("drop-allowed", allowed.includes(column.dataset.stage));
    });
  });

  board.addEventListener("dragend", () => {
    if (dragged) dragged.classList.remove("dragging");
    dragged = null;
    board.querySelectorAll(".drop-allowed").forEach((c) => c.classList.remove("drop-allowed"));
  });

  board.addEventListener("dragover", (event) => {
    const column = event.target.closest(".board-column.drop-allowed");
    if (column) event.preventDefault();
  });

  board.addEventListener("drop", (event) => {
    const column = event.target.closest(".board-column.drop-allowed");
    if (!column || !dragged) return;
    event.preventDefault();
    const to = column.dataset.stage;
    const from = dragged.closest(".board-column").dataset.stage;
    const body = new URLSearchParams({ to, back: board.dataset.back, _csrf: board.dataset.csrf });
    if (forward.indexOf(to) < forward.indexOf(from)) {
      const reason = window.prompt(board.dataset.reasonPrompt);
      if (!reason) return;
      body.set("reason", reason);
    }
    if (to === "hired" || to === "started") {
      const date = window.prompt(board.dataset.datePrompt, new Date().toISOString().slice(0, 10));
      if (!date) return;
      body.set("date", date);
    }
    fetch(`/applications/${dragged.dataset.application}/move`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "X-CSRF-Token": board.dataset.csrf },
      body,
      credentials: "same-origin",
    }).then(() => window.location.reload(), () => window.location.reload());
  });
})();

// A live filter: typing in a search box marked data-live-filter submits its form after a
// pause, so the list updates without pressing Enter. Without JS the button does the same.
(() => {
  const input = document.querySelector("[data-live-filter]");
  if (!input || !input.form) return;
  let timer = null;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => input.form.requestSubmit(), 400);
  });
})();

// Scorecards save as the interviewer types: the same form is posted in the background with
// action=autosave a moment after the last change. Without JS the Save button does it.
(() => {
  const form = document.querySelector("form[data-autosave]");
  if (!form) return;
  const status = form.querySelector("[data-autosave-status]");
  let timer = null;
  const save = () => {
    const body = new URLSearchParams(new FormData(form));
    body.set("action", "autosave");
    // form.action would be the field named "action", not the attribute.
    fetch(form.getAttribute("action"), {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body,
      credentials: "same-origin",
    }).then((response) => {
      if (status) status.textContent = response.ok ? status.dataset.saved || "✓" : status.dataset.failed || "!";
    });
  };
  form.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(save, 1200);
  });
  form.addEventListener("change", () => {
    clearTimeout(timer);
    timer = setTimeout(save, 300);
  });
})();

// An import running in the background: the progress bar asks the server every second and a
// half how far it is, and reloads the page once it is done. Without this file the page has a
// plain link to look again.
(() => {
  const box = document.querySelector("[data-import-progress]");
  if (!box) return;
  const bar = box.querySelector("progress");
  const label = box.querySelector("[data-import-percent]");
  let finished = bar && Number(bar.value) >= 100;
  const poll = async () => {
    if (finished) return;
    try {
      const response = await fetch(box.dataset.importProgress, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
      if (response.ok) {
        const body = await response.json();
        bar.value = body.progress;
        label.textContent = body.progress + " %";
        if (body.state === "done") {
          finished = true;
          window.location.reload();
          return;
        }
      }
    } catch (_) {
      // A missed poll is retried on the next tick.
    }
    window.setTimeout(poll, 1500);
  };
  window.setTimeout(poll, 1500);
})();
