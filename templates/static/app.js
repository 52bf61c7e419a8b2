// Hireloop's small progressive enhancements. Every page works without this file.
"use strict";

// The browser tells the server its time zone, so that visitors see times on their own clock
// (signed-in users choose theirs on the profile). Without JS, Moscow time is shown.
(() => {
  try {
    const zone = encodeURIComponent(Intl.DateTimeFormat().resolvedOptions().timeZone || "");
    if (zone && !document.cookie.split("; ").includes(`tz=${zone}`)) {
      document.cookie = `tz=${zone}; path=/; max-age=31536000; SameSite=Lax`;
    }
  } catch (_) {
    // An old browser without Intl: the server's default zone it is.
  }
})();

// The "More" menu closes when the user clicks elsewhere or presses Escape.
document.addEventListener("click", (event) => {
  document.querySelectorAll(".nav-more details[open]").forEach((menu) => {
    if (!menu.contains(event.target)) menu.open = false;
  });
});
document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") return;
  document.querySelectorAll(".nav-more details[open]").forEach((menu) => {
    menu.open = false;
    menu.querySelector("summary").focus();
  });
});

document.addEventListener("submit", (event) => {
  // Destructive actions ask first: forms carry their question in data-confirm.
  // The question sits on the form, or on the button that submitted it.
  const form = event.target;
  const button = event.submitter;
  const question = (button && button.dataset.confirm) || (form.dataset && form.dataset.confirm);
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});

// Swaps the page's <main> for the one in `html` (a page the server rendered), so a move or a
// filter updates in place: scroll position, the URL bar and focus stay where the user is.
const swapMain = (html, url) => {
  const next = new DOMParser().parseFromString(html, "text/html");
  const main = document.querySelector("main");
  const fresh = next.querySelector("main");
  if (!main || !fresh) {
    window.location.assign(url);
    return;
  }
  main.replaceWith(fresh);
  document.title = next.title;
  if (url) window.history.replaceState(null, "", url);
  document.dispatchEvent(new CustomEvent("hireloop:swapped"));
};

// The board: drag a card to another column, or focus a card and use the keyboard, to move it.
// The move goes through the same form endpoint as the card's own "Move" form, so the server's
// rule decides; the board then updates in place with the outcome. A move that needs a reason
// (a step back) or a day (the start) asks in the board's dialog first.
const forward = ["long_list", "short_list", "references", "ceo_interview", "offer", "hired", "started"];

const postMove = (board, id, body) => {
  fetch(`/applications/${id}/move`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", "X-CSRF-Token": board.dataset.csrf },
    body,
    credentials: "same-origin",
  })
    .then((response) => response.text().then((html) => swapMain(html, board.dataset.back)))
    .then(() => {
      const moved = document.querySelector(`[data-board] [data-application="${id}"]`);
      if (moved) moved.focus();
    })
    .catch(() => window.location.reload());
};

// Today on the user's own calendar, as a date input wants it.
const localToday = () => {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};

// Opens the move dialog for `card` asking what `needs` lists ("reason", "date"). A browser
// without <dialog> opens the card's own Move form instead, which asks the same.
const askThenMove = (board, card, to, needs) => {
  const dialog = document.getElementById("move-dialog");
  if (!dialog || typeof dialog.showModal !== "function") {
    const details = card.querySelector("details");
    if (details) {
      details.open = true;
      const field = details.querySelector("select, input:not([type=hidden])");
      if (field) field.focus();
    }
    return;
  }
  const form = dialog.querySelector("[data-move-dialog]");
  form.reset();
  form.elements.to.value = to;
  const column = board.querySelector(`.board-column[data-stage="${to}"]`);
  const stage = column ? column.dataset.stageLabel : to;
  dialog.querySelector("[data-dialog-who]").textContent = form.dataset.who
    .replace("{name}", card.dataset.name || "")
    .replace("{stage}", stage);
  form.querySelectorAll("[data-needs]").forEach((field) => {
    const needed = needs.includes(field.dataset.needs);
    field.hidden = !needed;
    field.querySelectorAll("input").forEach((input) => {
      input.required = needed;
      input.disabled = !needed;
    });
  });
  if (needs.includes("date")) form.elements.date.value = card.dataset.startDate || localToday();
  dialog.dataset.card = card.dataset.application;
  dialog.showModal();
  const first = form.querySelector("[data-needs]:not([hidden]) input");
  if (first) first.focus();
};

const setUpMoveDialog = (board) => {
  const dialog = document.getElementById("move-dialog");
  if (!dialog) return;
  const form = dialog.querySelector("[data-move-dialog]");
  const card = () => board.querySelector(`[data-application="${dialog.dataset.card}"]`);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const body = new URLSearchParams(new FormData(form));
    dialog.close();
    postMove(board, dialog.dataset.card, body);
  });
  dialog.querySelector("[data-dialog-cancel]").addEventListener("click", () => dialog.close());
  dialog.addEventListener("close", () => {
    const back = card();
    if (back && document.activeElement === document.body) back.focus();
  });
};

const moveCard = (board, card, to) => {
  const from = card.closest(".board-column").dataset.stage;
  const needs = [];
  if (forward.indexOf(to) < forward.indexOf(from)) needs.push("reason");
  if (to === "hired" || to === "started") needs.push("date");
  if (needs.length) {
    askThenMove(board, card, to, needs);
    return;
  }
  postMove(board, card.dataset.application, new URLSearchParams({ to, back: board.dataset.back, _csrf: board.dataset.csrf }));
};

const setUpBoard = () => {
  const board = document.querySelector("[data-board]");
  if (!board) return;
  setUpMoveDialog(board);
  let dragged = null;
  // Cards take focus so that the keyboard can move them (see the help under "?").
  board.querySelectorAll("[data-application]").forEach((card) => {
    card.tabIndex = 0;
    card.setAttribute("aria-keyshortcuts", "ArrowLeft ArrowRight ArrowUp ArrowDown 1 2 3 4 5 6 7 ?");
  });

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
    moveCard(board, dragged, column.dataset.stage);
  });

  board.addEventListener("keydown", (event) => {
    const card = event.target;
    if (!card.matches || !card.matches("[data-application]") || event.altKey || event.ctrlKey || event.metaKey) return;
    const column = card.closest(".board-column");
    const stage = column.dataset.stage;
    const cards = [...column.querySelectorAll("[data-application]")];
    const at = cards.indexOf(card);
    let to = null;
    if (event.key === "ArrowDown" && cards[at + 1]) cards[at + 1].focus();
    else if (event.key === "ArrowUp" && cards[at - 1]) cards[at - 1].focus();
    else if (event.key === "ArrowRight") to = forward[forward.indexOf(stage) + 1];
    else if (event.key === "ArrowLeft") to = forward[forward.indexOf(stage) - 1];
    else if (/^[1-7]$/.test(event.key)) to = forward[Number(event.key) - 1];
    else if (event.key === "?") {
      const help = document.getElementById("board-keys");
      if (help) {
        help.hidden = !help.hidden;
        if (!help.hidden) help.focus();
      }
    } else if (event.key === "Enter") {
      const details = card.querySelector("details");
      if (details) details.open = !details.open;
    } else return;
    event.preventDefault();
    if (to && to !== stage) moveCard(board, card, to);
  });
};

// A live filter: typing in a search box marked data-live-filter reloads the list in place
// after a pause, so it updates without pressing Enter. Without JS the button does the same.
const setUpLiveFilter = () => {
  const input = document.querySelector("[data-live-filter]");
  if (!input || !input.form) return;
  let timer = null;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const form = input.form;
      const query = new URLSearchParams(new FormData(form));
      const url = `${form.getAttribute("action") || window.location.pathname}?${query}`;
      const caret = input.selectionStart;
      fetch(url, { credentials: "same-origin" })
        .then((response) => response.text())
        .then((html) => {
          swapMain(html, url);
          const again = document.querySelector("[data-live-filter]");
          if (again) {
            again.focus();
            again.setSelectionRange(caret, caret);
          }
        })
        .catch(() => form.requestSubmit());
    }, 400);
  });
};

const setUp = () => {
  setUpBoard();
  setUpLiveFilter();
};
setUp();
document.addEventListener("hireloop:swapped", setUp);

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
