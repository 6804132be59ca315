/* graphkit's page: the actor graph first, filters, search and the evidence behind every edge.
 *
 * The graph comes from the JSON element #graph-data (graphkit/export/html.py). Every piece of
 * it reaches the page through textContent, vis-network labels or string tooltips (which
 * vis-network shows with innerText), never as markup. Nodes keep the positions computed in
 * Python; physics is on only for a small first view, or when the reader ticks it.
 *
 * What is shown: the actors of the ticked types with at least the chosen number of mentions,
 * the most mentioned first (DATA.first_view of them, more on "show more"); while an event type
 * is unticked or a date is set, only actors that keep a statement with another such actor;
 * with "concepts" ticked, the concepts linked to a shown actor by a kept statement, and always those
 * of the actor in focus (searched for or clicked). Each pair of
 * shown nodes with a kept statement is one edge aggregating them. The event filter applies to
 * statements between two actors (a concept's statements have no event type).
 */
"use strict";
var network, nodes, edges;
(function () {
  const DATA = JSON.parse(document.getElementById("graph-data").textContent);
  const N = DATA.nodes, S = DATA.statements;
  const CONCEPT_EDGE = "#c8c8c8", DIM = "rgba(200,200,200,0.35)", DIM_TEXT = "#c0c0c0";
  const PANEL_MAX = 200;  // statements listed in a panel before "and N more"
  const compare = (x, y) => (x < y ? -1 : x > y ? 1 : 0);
  const isActor = i => N[i].type !== "CONCEPT";
  const byId = new Map(N.map((n, i) => [n.id, i]));
  const number = new Intl.NumberFormat("en").format;  // one formatter: toLocaleString makes one per call
  const plural = (n, word) => number(n) + " " + word + (n === 1 ? "" : "s");
  const eventOf = st => st.event || "OTHER";
  const between = st => isActor(st.s) && isActor(st.o);

  // --- indexes -------------------------------------------------------------------------------
  const ofNode = N.map(() => []);
  const pairs = new Map();
  S.forEach((st, k) => {
    ofNode[st.s].push(k);
    if (st.o !== st.s) ofNode[st.o].push(k);
    const a = Math.min(st.s, st.o), b = Math.max(st.s, st.o), key = a + "," + b;
    if (!pairs.has(key)) pairs.set(key, {id: N[a].id + " -- " + N[b].id, a: a, b: b, list: []});
    pairs.get(key).list.push(k);
  });
  const ranked = N.map((_, i) => i).filter(isActor)
    .sort((i, j) => N[j].mentions - N[i].mentions || compare(N[i].label, N[j].label) || compare(N[i].id, N[j].id));
  const names = N.map(n => [n.label].concat(n.aliases.map(a => a[0])).map(s => s.toLocaleLowerCase()));
  const countBy = (items, key) => items.reduce((m, x) => m.set(key(x), (m.get(key(x)) || 0) + 1), new Map());
  const typeCounts = countBy(ranked, i => N[i].type);
  const eventCounts = countBy(S.filter(between), eventOf);
  const EVENTS = Array.from(eventCounts.keys()).sort(compare);
  const dates = S.map(st => st.event_date || st.date).filter(Boolean).sort(compare);

  const state = {
    types: new Set(typeCounts.keys()), concepts: false, events: new Set(EVENTS), from: "", to: "",
    min: 1, limit: DATA.first_view, pinned: null, focus: null,
  };

  // --- small DOM helpers: text only ----------------------------------------------------------
  const $ = id => document.getElementById(id);
  function el(tag, className, text) {
    const element = document.createElement(tag);
    if (className) element.className = className;
    if (text !== undefined) element.textContent = text;
    return element;
  }
  function checkbox(label, colour, count, checked, onChange) {
    const box = el("label", "check"), input = el("input");
    input.type = "checkbox";
    input.checked = checked;
    input.value = label;
    input.addEventListener("change", () => onChange(input.checked));
    box.append(input);
    if (colour) {
      const swatch = el("span", "swatch");
      swatch.style.background = colour;
      box.append(swatch);
    }
    box.append(document.createTextNode(label.toLowerCase() + " "), el("span", "count", "(" + number(count) + ")"));
    return box;
  }

  // --- what is shown -------------------------------------------------------------------------
  function span(date) {  // an ISO date as precise as stated -> its first and last day
    if (date.length === 4) return [date + "-01-01", date + "-12-31"];
    if (date.length === 7) return [date + "-01", date + "-31"];
    return [date.slice(0, 10), date.slice(0, 10)];
  }
  function kept(st) {
    if (between(st) && !state.events.has(eventOf(st))) return false;
    if (!state.from && !state.to) return true;
    const date = st.event_date || st.date;
    if (!date) return false;
    const [first, last] = span(date);
    return (!state.from || last >= state.from) && (!state.to || first <= state.to);
  }
  function compute() {
    const keep = S.map(kept);
    const candidate = i => state.types.has(N[i].type) && N[i].mentions >= state.min;
    let active = null;
    if (state.events.size < EVENTS.length || state.from || state.to) {
      active = new Set();
      S.forEach((st, k) => {
        if (keep[k] && between(st) && candidate(st.s) && candidate(st.o)) { active.add(st.s); active.add(st.o); }
      });
    }
    const eligible = ranked.filter(i => candidate(i) && (!active || active.has(i)));
    const shown = new Set(eligible.slice(0, state.limit));
    if (state.pinned !== null) shown.add(state.pinned);
    const focus = state.focus === null ? -1 : byId.get(state.focus);
    const opens = i => isActor(i) && shown.has(i) && (state.concepts || i === focus);
    S.forEach((st, k) => {
      if (!keep[k]) return;
      if (opens(st.s) && !isActor(st.o) && N[st.o].mentions >= state.min) shown.add(st.o);
      if (opens(st.o) && !isActor(st.s) && N[st.s].mentions >= state.min) shown.add(st.s);
    });
    const links = [];
    pairs.forEach(pair => {
      if (!shown.has(pair.a) || !shown.has(pair.b)) return;
      const ks = pair.list.filter(k => keep[k]);
      if (ks.length) links.push(edgeFor(pair, ks));
    });
    return {shown: shown, links: links, eligible: eligible.length};
  }

  // --- how it looks --------------------------------------------------------------------------
  const SCALE = DATA.intensity_colours, STEPS = (SCALE.length - 1) / 2;  // -10..+10 by tenths
  function intensityColour(value) {
    const tenth = Math.round((value === null ? 0 : value) * 10);
    return SCALE[Math.max(0, Math.min(SCALE.length - 1, tenth + STEPS))];
  }
  function mostFrequent(values) {
    const counts = countBy(values, v => v);
    return Array.from(counts.keys()).sort((x, y) => counts.get(y) - counts.get(x) || compare(x, y))[0];
  }
  function nodeColour(i) { return DATA.colours[N[i].type]; }
  function nodeFor(i) {
    const n = N[i], actor = isActor(i);
    const tip = [n.label, n.type.toLowerCase() + ", " + plural(n.mentions, "mention")];
    if (n.aliases.length) tip.push("also: " + n.aliases.map(a => a[0]).join(", "));
    // Labels grow with mentions too, so zoomed out the most mentioned names are still readable.
    return {id: n.id, label: n.label, x: n.x, y: n.y, title: tip.join("\n"), color: nodeColour(i),
      size: n.size,
      font: {size: actor ? 12 + 4 * Math.log1p(n.mentions) : 11}};
  }
  // An edge: the item vis-network draws (only what differs from the network's defaults, which keeps
  // thousands of them quick to add), and the statements it aggregates, for its panel.
  function edgeFor(pair, ks) {
    const list = ks.map(k => S[k]), actors = isActor(pair.a) && isActor(pair.b);
    const values = list.filter(st => st.intensity !== null).map(st => st.intensity);
    const mean = values.length ? values.reduce((x, y) => x + y, 0) / values.length : null;
    const typed = actors ? list.map(eventOf).filter(e => e !== "OTHER") : [];
    const label = typed.length ? mostFrequent(typed).toLowerCase() : mostFrequent(list.map(st => st.lemma || st.relation));
    const colour = actors ? intensityColour(mean) : CONCEPT_EDGE;
    const forward = list.some(st => st.s === pair.a), backward = list.some(st => st.s === pair.b && st.s !== st.o);
    const tip = [N[pair.a].label + " \u2014 " + N[pair.b].label,
      plural(list.length, "statement") + (mean === null ? "" : ", mean intensity " + mean.toFixed(1))];
    if (actors) {
      const events = countBy(list, eventOf);
      tip.push(Array.from(events.keys()).sort(compare).map(e => e.toLowerCase() + " \u00d7" + events.get(e)).join(", "));
    }
    const item = {id: pair.id, from: N[pair.a].id, to: N[pair.b].id, label: label, title: tip.join("\n"), color: colour,
      width: 1 + 2 * Math.log(list.length), dashes: list.every(st => st.negated),
      arrows: [forward ? "to" : "", backward ? "from" : ""].filter(Boolean).join(", ")};
    return {item: item, statements: ks, signature: ks.join(","), base: colour};
  }

  // --- drawing -------------------------------------------------------------------------------
  nodes = new vis.DataSet();
  edges = new vis.DataSet();
  const current = {nodes: new Set(), edges: new Map()};

  function apply(view) {
    const want = new Set(Array.from(view.shown, i => N[i].id));
    nodes.remove(Array.from(current.nodes).filter(id => !want.has(id)));
    nodes.add(Array.from(view.shown).filter(i => !current.nodes.has(N[i].id)).map(i => placed(nodeFor(i), i)));
    current.nodes = want;
    const links = new Map(view.links.map(e => [e.item.id, e]));
    edges.remove(Array.from(current.edges.keys()).filter(id => !links.has(id)));
    edges.update(view.links.filter(e => (current.edges.get(e.item.id) || {}).signature !== e.signature).map(e => e.item));
    current.edges = links;
    const actors = Array.from(view.shown).filter(isActor).length, concepts = view.shown.size - actors;
    $("shown").textContent = "showing " + number(actors) + " of " + plural(view.eligible, "actor") +
      (concepts ? ", " + plural(concepts, "concept") : "") + ", " + plural(view.links.length, "edge");
    const more = view.eligible > state.limit;
    $("show-more").disabled = $("show-all").disabled = !more;
    $("show-more").textContent = more ? "show " + number(Math.min(DATA.first_view, view.eligible - state.limit)) + " more" : "show more";
  }
  // A concept's position was computed round its actors where Python put them; the reader or
  // physics may have moved those since, so the concept moves with them.
  function placed(item, i) {
    if (isActor(i) || network === undefined) return item;
    const anchors = Array.from(new Set(ofNode[i].map(k => (S[k].s === i ? S[k].o : S[k].s))))
      .filter(a => isActor(a) && current.nodes.has(N[a].id));
    if (!anchors.length) return item;
    const now = network.getPositions(anchors.map(a => N[a].id));
    anchors.forEach(a => {
      item.x += (now[N[a].id].x - N[a].x) / anchors.length;
      item.y += (now[N[a].id].y - N[a].y) / anchors.length;
    });
    return item;
  }
  function refresh() {
    apply(compute());
    if (state.focus !== null && current.nodes.has(state.focus)) highlight(state.focus);
    else state.focus = null;
  }

  // Focusing on a node opens its concepts and greys out everything but its neighbourhood.
  function focusOn(id) {
    state.focus = id;
    refresh();
  }
  function unfocus() {
    if (state.focus === null) return;
    state.focus = null;
    apply(compute());
    nodes.update(Array.from(current.nodes, id => ({id: id, color: nodeColour(byId.get(id)), font: {color: "#222222"}})));
    edges.update(Array.from(current.edges.values(), e => ({id: e.item.id, color: e.base, font: {color: "#555555"}})));
  }
  function highlight(id) {
    const near = new Set([id].concat(network.getConnectedNodes(id)));
    nodes.update(Array.from(current.nodes, other => ({
      id: other, color: near.has(other) ? nodeColour(byId.get(other)) : DIM,
      font: {color: near.has(other) ? "#222222" : DIM_TEXT},
    })));
    edges.update(Array.from(current.edges.values(), e => {
      const near = e.item.from === id || e.item.to === id;
      return {id: e.item.id, color: near ? e.base : DIM, font: {color: near ? "#555555" : DIM_TEXT}};
    }));
  }

  // --- side panel ----------------------------------------------------------------------------
  function statementItem(k) {
    const st = S[k], item = el("li", "statement"), meta = [];
    item.append(el("div", "triple", N[st.s].label + " \u2014 " + st.relation + " \u2192 " + N[st.o].label));
    if (between(st)) meta.push(eventOf(st).toLowerCase() + (st.intensity === null ? "" : ", intensity " + st.intensity));
    meta.push("confidence " + st.confidence.toFixed(2));
    if (st.negated) meta.push("negated");
    if (st.speaker) meta.push("claim by " + st.speaker);
    item.append(el("div", "meta", meta.join(" \u00b7 ")), el("blockquote", null, DATA.sentences[st.sentence]));
    const source = [DATA.docs[st.doc].id, "characters " + st.start + "\u2013" + st.end];
    if (st.date) source.push("dated " + st.date);
    if (st.event_date) source.push("event " + st.event_date);
    item.append(el("div", "source", source.join(" \u00b7 ")));
    return item;
  }
  function statementList(ks) {
    const list = el("ul", "statements");
    ks.slice(0, PANEL_MAX).forEach(k => list.append(statementItem(k)));
    if (ks.length > PANEL_MAX) list.append(el("li", "more", "and " + number(ks.length - PANEL_MAX) + " more"));
    return list;
  }
  function openPanel(kind, parts) {
    const body = $("panel-body");
    body.replaceChildren(...parts);
    body.dataset.kind = kind;
    $("panel").hidden = false;
  }
  function closePanel() { $("panel").hidden = true; }
  function showNode(i) {
    const n = N[i], parts = [el("h2", null, n.label), el("p", "meta", n.type.toLowerCase() + " \u00b7 " + plural(n.mentions, "mention"))];
    if (n.aliases.length) {
      const list = el("ul", "aliases");
      n.aliases.forEach(([name, count]) => list.append(el("li", null, name + " (\u00d7" + count + ")")));
      parts.push(el("h3", null, "Also written"), list);
    }
    const ks = ofNode[i].slice().sort((x, y) => S[x].doc - S[y].doc || S[x].start - S[y].start);
    parts.push(el("h3", null, "Relations (" + number(ks.length) + ")"), statementList(ks));
    const docs = el("ul", "docs");
    n.docs.forEach(d => {
      const doc = DATA.docs[d];
      docs.append(el("li", null, doc.id + (doc.title ? " \u2014 " + doc.title : "") + (doc.date ? " \u00b7 " + doc.date : "")));
    });
    parts.push(el("h3", null, "Documents (" + number(n.docs.length) + ")"), docs);
    openPanel("node", parts);
  }
  function showEdge(id) {
    const e = current.edges.get(id), lines = e.item.title.split("\n"), parts = [el("h2", null, lines[0])];
    parts.push(el("p", "meta", lines.slice(1).join(" \u00b7 ")));
    parts.push(el("h3", null, "Statements"), statementList(e.statements));
    openPanel("edge", parts);
  }

  // --- search --------------------------------------------------------------------------------
  function matches(text) {
    const q = text.trim().toLocaleLowerCase();
    if (!q) return [];
    const found = [];
    N.forEach((n, i) => {
      let best = 3, name = n.label;
      names[i].forEach((s, j) => {
        const rank = s === q ? 0 : s.startsWith(q) ? 1 : s.includes(q) ? 2 : 3;
        if (rank < best) { best = rank; name = j === 0 ? n.label : n.aliases[j - 1][0]; }
      });
      if (best < 3) found.push({i: i, rank: best, name: name});
    });
    found.sort((x, y) => x.rank - y.rank || N[y.i].mentions - N[x.i].mentions || compare(N[x.i].label, N[y.i].label));
    return found.slice(0, 12);
  }
  function listMatches() {
    const list = $("matches");
    list.replaceChildren(...matches($("search").value).map((m, position) => {
      const item = el("li", position === 0 ? "active" : null, N[m.i].label);
      item.dataset.id = N[m.i].id;
      if (m.name !== N[m.i].label) item.append(el("span", "also", " (" + m.name + ")"));
      item.append(el("span", "count", " " + N[m.i].type.toLowerCase()));
      item.addEventListener("click", () => choose(m.i));
      return item;
    }));
  }
  function choose(i) {
    const id = N[i].id;
    if (!current.nodes.has(id)) state.pinned = i;  // shown whatever the filters, until another is pinned
    focusOn(id);
    network.selectNodes([id]);
    network.focus(id, {scale: Math.max(network.getScale(), 1), animation: false});
    showNode(i);
    $("matches").replaceChildren();
  }

  // --- controls ------------------------------------------------------------------------------
  $("summary").textContent = [plural(DATA.summary.documents, "document"), plural(DATA.summary.actors, "actor"),
    plural(DATA.summary.concepts, "concept"), plural(DATA.summary.statements, "statement")].join(" \u00b7 ");
  Array.from(typeCounts.keys()).sort(compare).forEach(type => $("types").append(checkbox(type, DATA.colours[type],
    typeCounts.get(type), true, on => { on ? state.types.add(type) : state.types.delete(type); refresh(); })));
  $("scale").style.background = "linear-gradient(to right, " + [SCALE[0], SCALE[STEPS], SCALE[SCALE.length - 1]].join(", ") + ")";
  const conceptCount = N.filter((n, i) => !isActor(i)).length;
  const conceptBox = $("show-concepts").parentElement;
  const swatch = el("span", "swatch");
  swatch.style.background = DATA.colours.CONCEPT;
  conceptBox.insertBefore(swatch, $("show-concepts").nextSibling);
  conceptBox.append(el("span", "count", " (" + number(conceptCount) + ")"));
  $("show-concepts").disabled = conceptCount === 0;
  $("show-concepts").addEventListener("change", event => { state.concepts = event.target.checked; refresh(); });
  EVENTS.forEach(event => $("events").append(checkbox(event, null, eventCounts.get(event), true,
    on => { on ? state.events.add(event) : state.events.delete(event); refresh(); })));
  function setEvents(on) {
    $("events").querySelectorAll("input").forEach(input => { input.checked = on; });
    state.events = new Set(on ? EVENTS : []);
    refresh();
  }
  $("events-all").addEventListener("click", () => setEvents(true));
  $("events-none").addEventListener("click", () => setEvents(false));
  if (dates.length) {
    ["date-from", "date-to"].forEach(id => { $(id).min = span(dates[0])[0]; $(id).max = span(dates[dates.length - 1])[1]; });
  } else {
    $("dates").append(el("p", "count", "no statement is dated"));
    $("date-from").disabled = $("date-to").disabled = true;
  }
  $("date-from").addEventListener("change", event => { state.from = event.target.value; refresh(); });
  $("date-to").addEventListener("change", event => { state.to = event.target.value; refresh(); });
  const mostMentions = N.reduce((m, n) => Math.max(m, n.mentions), 1);
  $("min-mentions").max = String(Math.min(mostMentions, 100));
  $("min-mentions").addEventListener("input", event => { $("min-mentions-value").textContent = event.target.value; });
  $("min-mentions").addEventListener("change", event => { state.min = Number(event.target.value); refresh(); });
  $("show-more").addEventListener("click", () => { state.limit += DATA.first_view; refresh(); });
  $("show-all").addEventListener("click", () => { state.limit = Infinity; refresh(); });
  $("search").addEventListener("input", listMatches);
  $("search").addEventListener("keydown", event => {
    if (event.key === "Enter") {
      listMatches();
      const pick = $("matches").querySelector("li");
      if (pick) choose(byId.get(pick.dataset.id));
    }
  });
  $("panel-close").addEventListener("click", closePanel);
  document.addEventListener("keydown", event => {
    if (event.key === "Escape") { unfocus(); network.unselectAll(); closePanel(); }
  });

  // --- the network ---------------------------------------------------------------------------
  const first = compute();
  const physics = first.shown.size <= DATA.physics_max_nodes;
  $("physics").checked = physics;
  apply(first);
  const big = first.links.length > 2000 || N.length > 2000;
  network = new vis.Network($("network"), {nodes: nodes, edges: edges}, {
    layout: {improvedLayout: false},
    physics: {enabled: physics, solver: "forceAtlas2Based", stabilization: {iterations: 150, fit: true}},
    interaction: {hover: true, tooltipDelay: 150, hideEdgesOnDrag: big, hideEdgesOnZoom: big},
    nodes: {shape: "dot", borderWidth: 1, font: {size: 16, color: "#222222", strokeWidth: 3, strokeColor: "#ffffff"}},
    edges: {smooth: false, arrows: {to: {scaleFactor: 0.5}, from: {scaleFactor: 0.5}},
      font: {size: 11, color: "#555555", strokeWidth: 3, strokeColor: "#ffffff"}},
  });
  network.once("afterDrawing", () => { document.body.dataset.ready = "true"; });
  if (!physics) network.fit({animation: false});
  $("physics").addEventListener("change", event => network.setOptions({physics: {enabled: event.target.checked}}));
  network.on("click", params => {
    if (params.nodes.length) {
      focusOn(params.nodes[0]);
      showNode(byId.get(params.nodes[0]));
    } else if (params.edges.length) {
      showEdge(params.edges[0]);
    } else {
      unfocus();
      closePanel();
    }
  });
})();
