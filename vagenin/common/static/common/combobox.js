/* An autocomplete combobox (WAI-ARIA 1.2 combobox with a listbox popup) for vagenin.common.widgets.Combobox.
 *
 * The server renders a text input (the label) and a hidden input (the key). Without this script the text input
 * is a plain field that the server resolves by id or exact name. With it, typing asks the field's search
 * endpoint (JSON: {"results": [{"id", "label", "detail"}], "more": bool}) for matches, shown as a listbox:
 * Down/Up move through the options, Enter picks one, Escape closes the list (or clears the field when it is
 * closed), Tab closes it. The picked option's key goes to the hidden input. Loaded once per widget: it
 * enhances each combobox only once.
 */
(function () {
  "use strict";
  var counter = 0;

  function enhance(root) {
    if (root.hasAttribute("data-combobox-ready")) return;
    root.setAttribute("data-combobox-ready", "");
    var input = root.querySelector("input[type=text]");
    var key = root.querySelector("input[data-combobox-key]");
    if (!input || !key) return;
    counter += 1;
    var base = (input.id || "combobox") + "-" + counter;
    var label = input.id ? document.querySelector('label[for="' + input.id + '"]') : null;
    if (label && !label.id) label.id = base + "-label";

    var listbox = document.createElement("ul");
    listbox.id = base + "-listbox";
    listbox.className = "combobox-listbox";
    listbox.setAttribute("role", "listbox");
    if (label) listbox.setAttribute("aria-labelledby", label.id);
    listbox.hidden = true;
    var status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    root.appendChild(listbox);
    root.appendChild(status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listbox.id);

    var options = [];
    var active = -1;
    var timer = null;
    var request = null;
    var lastQuery = null;

    function text(name, count) {
      var value = root.getAttribute("data-text-" + name) || "";
      return value.replace("%(count)s", String(count));
    }

    function close() {
      listbox.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function setActive(index) {
      if (!options.length) return;
      active = (index + options.length) % options.length;
      Array.prototype.forEach.call(listbox.children, function (item, i) {
        item.setAttribute("aria-selected", i === active ? "true" : "false");
      });
      var item = listbox.children[active];
      input.setAttribute("aria-activedescendant", item.id);
      if (item.scrollIntoView) item.scrollIntoView({ block: "nearest" });
    }

    function pick(index) {
      var option = options[index];
      if (!option) return;
      input.value = option.label;
      key.value = option.id;
      key.dispatchEvent(new Event("change", { bubbles: true }));
      close();
      status.textContent = option.label;
    }

    function show(results, more) {
      options = results;
      listbox.textContent = "";
      results.forEach(function (option, i) {
        var item = document.createElement("li");
        item.id = base + "-option-" + i;
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", "false");
        item.className = "combobox-option";
        var name = document.createElement("span");
        name.textContent = option.label;
        item.appendChild(name);
        if (option.detail) {
          var detail = document.createElement("span");
          detail.className = "combobox-detail";
          detail.textContent = option.detail;
          item.appendChild(document.createTextNode(" "));
          item.appendChild(detail);
        }
        item.addEventListener("mousedown", function (event) {
          event.preventDefault(); // keep the focus in the input
        });
        item.addEventListener("click", function () {
          pick(i);
          input.focus();
        });
        listbox.appendChild(item);
      });
      active = -1;
      input.removeAttribute("aria-activedescendant");
      if (results.length) {
        listbox.hidden = false;
        input.setAttribute("aria-expanded", "true");
      } else {
        close();
      }
      var message = results.length === 0 ? text("none") : results.length === 1 ? text("count-one") : text("count-many", results.length);
      if (more) message += ". " + text("more");
      status.textContent = message;
    }

    function search() {
      var query = input.value.trim();
      if (!query) {
        show([], false);
        status.textContent = "";
        return;
      }
      var url = new URL(root.getAttribute("data-search-url"), window.location.href);
      url.searchParams.set("q", query);
      var filterField = root.getAttribute("data-filter-field");
      if (filterField && input.form) {
        var other = input.form.elements.namedItem(filterField);
        if (other && other.value) url.searchParams.set(root.getAttribute("data-filter-param"), other.value);
      }
      if (url.toString() === lastQuery) return;
      lastQuery = url.toString();
      if (request) request.abort();
      request = new AbortController();
      fetch(url.toString(), { headers: { Accept: "application/json" }, credentials: "same-origin", signal: request.signal })
        .then(function (response) {
          if (!response.ok) throw new Error(String(response.status));
          return response.json();
        })
        .then(function (data) {
          show(data.results || [], Boolean(data.more));
        })
        .catch(function (error) {
          if (error && error.name === "AbortError") return;
          show([], false);
          status.textContent = text("error");
        });
    }

    input.addEventListener("input", function () {
      key.value = ""; // the text no longer is the chosen label: the server resolves what is typed
      clearTimeout(timer);
      timer = setTimeout(search, 200);
    });

    input.addEventListener("keydown", function (event) {
      var open = !listbox.hidden;
      switch (event.key) {
        case "ArrowDown":
          event.preventDefault();
          if (!open) {
            lastQuery = null;
            if (options.length) {
              listbox.hidden = false;
              input.setAttribute("aria-expanded", "true");
              if (!event.altKey) setActive(0);
            } else {
              search();
            }
          } else {
            setActive(active + 1);
          }
          break;
        case "ArrowUp":
          if (open) {
            event.preventDefault();
            setActive(active - 1);
          }
          break;
        case "Enter":
          if (open && active >= 0) {
            event.preventDefault(); // pick, do not submit the form
            pick(active);
          }
          break;
        case "Escape":
          if (open) {
            event.preventDefault();
            close();
          } else if (input.value) {
            event.preventDefault();
            input.value = "";
            key.value = "";
            options = [];
            lastQuery = null;
          }
          break;
        case "Tab":
          close();
          break;
        default:
          break;
      }
    });

    input.addEventListener("blur", function () {
      close();
    });

    if (root.getAttribute("data-filter-field") && input.form) {
      var other = input.form.elements.namedItem(root.getAttribute("data-filter-field"));
      if (other && other.addEventListener) {
        other.addEventListener("change", function () {
          options = [];
          lastQuery = null;
        });
      }
    }
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-combobox]"), enhance);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
