// The index page's search: every word typed must occur in a parameter's or a type's name,
// summary or description. Results are built as DOM nodes (text, never markup).
(function () {
  "use strict";
  var input = document.getElementById("q");
  var list = document.getElementById("results");
  var items = window.LLM_PARAMS_SEARCH || [];
  if (!input || !list) return;
  function show() {
    var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    while (list.firstChild) list.removeChild(list.firstChild);
    if (words.length === 0) return;
    var found = items.filter(function (item) {
      var name = item.name.toLowerCase();
      var text = name + " " + item.text.toLowerCase();
      return words.every(function (w) { return text.indexOf(w) !== -1; });
    });
    found.sort(function (a, b) {
      var q = words.join(" ");
      var an = a.name.toLowerCase().indexOf(q) === 0 ? 0 : 1;
      var bn = b.name.toLowerCase().indexOf(q) === 0 ? 0 : 1;
      return an - bn;
    });
    if (found.length === 0) {
      var none = document.createElement("li");
      none.textContent = "Nothing matches.";
      list.appendChild(none);
      return;
    }
    found.forEach(function (item) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = item.url;
      a.textContent = item.name;
      var kind = document.createElement("span");
      kind.className = "kind";
      kind.textContent = " (" + item.kind + ") ";
      var text = document.createElement("span");
      text.textContent = item.text.length > 160 ? item.text.slice(0, 157) + "..." : item.text;
      li.appendChild(a);
      li.appendChild(kind);
      li.appendChild(text);
      list.appendChild(li);
    });
  }
  input.addEventListener("input", show);
  if (input.form) {
    input.form.addEventListener("submit", function (e) {
      e.preventDefault();
      show();
    });
  }
  show();
})();
