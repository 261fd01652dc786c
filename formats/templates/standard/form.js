/* The feedback form of the web page: the reader fills it in on screen, then downloads the
   answers as a text file, copies them, or prints them. Nothing is sent from the page. Without
   JavaScript the buttons stay hidden and the page says so. */
(function () {
  "use strict";

  function words(element) {
    return element ? element.textContent.replace(/\s+/g, " ").trim() : "";
  }

  /* The answers of one question (or part): the ticked choices, or what was written. */
  function answersOf(question) {
    var found = [];
    question.querySelectorAll("input:checked").forEach(function (input) {
      if (input.closest("[data-question]") === question) {
        found.push(words(question.querySelector('label[for="' + input.id + '"]')));
      }
    });
    question.querySelectorAll("textarea").forEach(function (box) {
      if (box.closest("[data-question]") === question && box.value.trim()) {
        found.push(box.value.trim());
      }
    });
    return found;
  }

  /* "10 a. What was it?": the question's number and words, without how to answer it. */
  function asked(question) {
    var label = document.getElementById(question.dataset.words);  /* the page names it */
    var copy = label ? label.cloneNode(true) : document.createElement("span");
    copy.querySelectorAll(".number, .hint").forEach(function (part) { part.remove(); });
    return question.dataset.question + ". " + words(copy);
  }

  function answersText(form) {
    var lines = [form.dataset.title + ": your answers to the feedback form", ""];
    form.querySelectorAll("[data-question]").forEach(function (question) {
      var given = answersOf(question).map(function (answer) {
        return "    " + answer.replace(/\r?\n/g, "\n    ");
      });
      var own = question.querySelector("input, textarea");
      lines.push(asked(question));
      if (own && own.closest("[data-question]") === question) {
        lines.push(given.length ? given.join("\n") : "    (no answer)");
      }
      lines.push("");
    });
    lines.push("Please send your answers to: " + form.dataset.sendTo);
    return lines.join("\n") + "\n";
  }

  function say(form, message) {
    form.querySelector(".form-status").textContent = message;
  }

  function download(form) {
    var file = new Blob([answersText(form)], {type: "text/plain;charset=utf-8"});
    var link = document.createElement("a");
    link.href = URL.createObjectURL(file);
    link.download = "feedback-answers.txt";
    document.body.appendChild(link);
    link.click();
    link.remove();
    say(form, "Your answers are downloaded as feedback-answers.txt.");
  }

  function copy(form) {
    var text = answersText(form);
    var copied = function () { say(form, "Your answers are copied: paste them into an e-mail."); };
    var fallback = function () {
      var box = document.createElement("textarea");
      box.value = text;
      box.setAttribute("readonly", "");
      box.style.position = "fixed";
      box.style.opacity = "0";
      document.body.appendChild(box);
      box.select();
      var done = document.execCommand("copy");
      box.remove();
      if (done) { copied(); } else { say(form, "Your browser did not copy the answers: download them instead."); }
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(copied, fallback);
    } else {
      fallback();
    }
  }

  function print(form) {
    var part = form.closest("main > section") || form;
    part.classList.add("print-target");
    document.body.classList.add("print-form-only");
    window.addEventListener("afterprint", function done() {
      document.body.classList.remove("print-form-only");
      part.classList.remove("print-target");
      window.removeEventListener("afterprint", done);
    });
    window.print();
  }

  var actions = {download: download, copy: copy, print: print};

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".feedback-form").forEach(function (form) {
      var buttons = form.querySelector(".form-buttons");
      if (!buttons) { return; }
      buttons.hidden = false;
      buttons.addEventListener("click", function (event) {
        var button = event.target.closest("button[data-action]");
        if (button && actions[button.dataset.action]) { actions[button.dataset.action](form); }
      });
    });
  });
}());
