/*
 * PolicyQA web chat — plain JavaScript, no build step, no external assets.
 *
 * Stable hooks for tests (Playwright); keep these when changing the page:
 *
 *   textarea#question             question input (Enter sends, Shift+Enter = newline,
 *                                 Enter during IME composition does not send)
 *   button#send                   send; disabled while an answer is streaming
 *   button#stop                   visible only while streaming; aborts the request
 *   button#new-chat               clears the conversation and the client-side history
 *   #conversation                 scrolling conversation container (aria-busy="true" while streaming)
 *   #empty-state                  shown only when the conversation is empty
 *   #examples button.example      example questions (data-lang="ja"|"en"); a click asks it
 *   .message.user                 one per question (.message-text holds the question)
 *   .message.assistant            one per answer; data-msg-id="m<N>", lang="ja"|"en";
 *                                 classes: .streaming while in flight, .done when the final
 *                                 answer JSON arrived, .abstained, .failed, .stopped
 *   .answer-text                  rendered answer Markdown (h3–h6, p, ul/ol, strong, table)
 *   .status                       "searching…/writing…" line while waiting
 *   button.cite-chip[data-n]      every [n] marker; aria-label="citation n"; a click opens the panel
 *                                 (.cite-unknown when the final answer has no citation n)
 *   .abstained-notice             "the sources do not say" notice (abstained answers only)
 *   table.comparison              comparison table; th[data-jurisdiction] one per column,
 *                                 td[data-jurisdiction] > .point cells, each with its chips
 *   .error-banner                 error inside the failed .message.assistant (role="alert"),
 *                                 with .error-message, .error-code, .error-request-id, button.retry
 *   button.copy-answer            copies the answer (+ reference list); text changes to "Copied"
 *   .timings                      "retrieve … · generate … · total …"
 *   details.sources               collapsible retrieved-context list; li > button.source-item[data-chunk-id]
 *   aside#source-panel            side panel (drawer below 800px); [hidden] when closed;
 *                                 .panel-title, .panel-section, .panel-jurisdiction, .panel-n,
 *                                 .panel-page, .panel-status, .panel-text (.panel-before,
 *                                 .panel-chunk, .panel-after; the quote is a <mark> inside
 *                                 .panel-chunk), .panel-quote, a.panel-link (official source)
 *   button#panel-close            closes the panel (Escape too; focus returns to the chip)
 *   #panel-backdrop               backdrop behind the drawer on narrow screens
 *
 * URL: index.html?q=QUESTION asks QUESTION on load.
 *
 * Backend contract: POST /v1/ask (SSE: contexts, delta*, citations, done | error),
 * GET /v1/chunks/{chunk_id}, GET /v1/examples. See ../../shared/DESIGN.md §3 for the answer JSON.
 * All text from the server is put into the page with textContent / text nodes, never innerHTML.
 */
(function () {
  'use strict';

  var API = {
    ask: '/v1/ask',
    chunk: function (id) { return '/v1/chunks/' + encodeURIComponent(id); },
    examples: '/v1/examples'
  };

  /* History entries ({role, content}) sent with each question: the last 10 turns
     (a turn = one user or one assistant message, i.e. the last 5 exchanges). */
  var MAX_HISTORY_TURNS = 10;

  var FALLBACK_EXAMPLES = [
    { lang: 'ja', question: 'AIの安全性について日米欧の違いは?' },
    { lang: 'ja', question: 'ソブリンAIについて日米欧を比較して' },
    { lang: 'en', question: 'How does the US plan to enforce chip export controls?' },
    { lang: 'en', question: 'What does the EU AI Act require of general-purpose AI models with systemic risk?' }
  ];

  /* ------------------------------------------------------------------ i18n */

  var STR = {
    ja: {
      searching: '資料を検索中…',
      writing: '回答を作成中…',
      copy: 'コピー',
      copyLabel: '回答をコピー',
      copied: 'コピーしました',
      copyFailed: 'コピーできませんでした',
      sources: function (n) { return '検索した資料 (' + n + ' 件)'; },
      cited: '引用',
      retrieve: '検索', generate: '生成', total: '合計',
      abstainedTitle: '資料には記載がありません',
      abstainedBody: '検索した資料の中に、この質問に答える記述は見つかりませんでした。関連する箇所は以下を参照してください。',
      comparisonCaption: '日米欧の比較',
      error: 'エラー',
      networkError: 'サーバーに接続できませんでした。ネットワークを確認して再試行してください。',
      incomplete: '回答の途中で接続が切れました。',
      badResponse: 'サーバーから予期しない応答がありました。',
      stopped: '生成を停止しました。',
      retry: '再試行',
      requestId: 'リクエスト ID',
      loading: '本文を読み込み中…',
      chunkFailed: '前後の文脈を取得できませんでした。検索結果の本文を表示しています。',
      chunkUnavailable: '本文を取得できませんでした。',
      quoteNotFound: '引用箇所を本文中で特定できませんでした。引用:',
      noCitation: 'この番号の出典情報はありません。',
      page: function (p) { return 'p. ' + p; },
      you: 'あなた', assistant: 'PolicyQA'
    },
    en: {
      searching: 'Searching the sources…',
      writing: 'Writing the answer…',
      copy: 'Copy',
      copyLabel: 'Copy answer',
      copied: 'Copied',
      copyFailed: 'Copy failed',
      sources: function (n) { return 'Retrieved sources (' + n + ')'; },
      cited: 'cited',
      retrieve: 'retrieve', generate: 'generate', total: 'total',
      abstainedTitle: 'The sources do not say',
      abstainedBody: 'The retrieved sources do not answer this question. Related sections are listed below.',
      comparisonCaption: 'Comparison by jurisdiction',
      error: 'Error',
      networkError: 'Could not reach the server. Check the connection and try again.',
      incomplete: 'The connection closed before the answer was complete.',
      badResponse: 'The server sent an unexpected response.',
      stopped: 'Stopped.',
      retry: 'Retry',
      requestId: 'request id',
      loading: 'Loading the text…',
      chunkFailed: 'Could not load the surrounding text; showing the retrieved passage.',
      chunkUnavailable: 'Could not load the text.',
      quoteNotFound: 'The quoted passage could not be located in the text. Quote:',
      noCitation: 'No source information for this number.',
      page: function (p) { return 'p. ' + p; },
      you: 'You', assistant: 'PolicyQA'
    }
  };

  function tr(lang, key) {
    var table = STR[lang] || STR.en;
    var v = table[key];
    if (typeof v === 'function') return v.apply(null, Array.prototype.slice.call(arguments, 2));
    return v;
  }

  var JA_RE = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9f]/;
  function guessLang(s) { return JA_RE.test(s || '') ? 'ja' : 'en'; }

  var JURISDICTIONS = {
    US: { ja: '米国', en: 'United States' },
    EU: { ja: 'EU', en: 'European Union' },
    JP: { ja: '日本', en: 'Japan' },
    UK: { ja: '英国', en: 'United Kingdom' },
    CN: { ja: '中国', en: 'China' },
    INTL: { ja: '国際', en: 'International' }
  };
  var JUR_ALIASES = {
    USA: 'US', 'UNITED STATES': 'US', '米国': 'US', 'アメリカ': 'US',
    'EUROPEAN UNION': 'EU', '欧州': 'EU',
    JA: 'JP', JPN: 'JP', JAPAN: 'JP', '日本': 'JP',
    GB: 'UK', 'UNITED KINGDOM': 'UK', '英国': 'UK',
    CHINA: 'CN', '中国': 'CN',
    GLOBAL: 'INTL', INTERNATIONAL: 'INTL', OECD: 'INTL', G7: 'INTL'
  };

  function jurLabel(code, lang) {
    if (code == null) return '';
    var s = String(code).trim();
    if (!s) return '';
    var m = /^comparative\b\s*:?\s*(.*)$/i.exec(s);
    if (m) {
      var parts = m[1].split(/[,、\/\s]+/).filter(Boolean).map(function (p) { return jurLabel(p, lang); });
      if (lang === 'ja') return '比較' + (parts.length ? '(' + parts.join('・') + ')' : '');
      return 'Comparative' + (parts.length ? ' (' + parts.join(', ') + ')' : '');
    }
    var key = s.toUpperCase();
    key = JUR_ALIASES[key] || JUR_ALIASES[s] || key;
    var entry = JURISDICTIONS[key];
    if (!entry) return s;
    return entry[lang === 'ja' ? 'ja' : 'en'];
  }

  /* ------------------------------------------------------------ DOM helpers */

  function $(sel, root) { return (root || document).querySelector(sel); }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v == null || v === false) return;
        if (k === 'class') node.className = v;
        else if (k === 'text') node.textContent = v;
        else if (k === 'hidden') node.hidden = !!v;
        else node.setAttribute(k, v === true ? '' : String(v));
      });
    }
    if (children) {
      children.forEach(function (c) {
        if (c == null) return;
        node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
      });
    }
    return node;
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  /* ------------------------------------------------------ minimal Markdown */
  /* Builds DOM nodes directly; all text goes in as text nodes (so it is escaped).
     Supported: # … ###### headings (rendered h3–h6), paragraphs, - * + bullet lists,
     1. numbered lists (one nesting level per indent), > quotes, pipe tables, ---,
     **bold**, __bold__, `code`, [text](https://…), bare https:// links and [n] / [n, m]
     citation markers (full-width ［n］ too). */

  var INLINE_RE = new RegExp([
    '\\*\\*(.+?)\\*\\*',                                   // 1 bold
    '__(.+?)__',                                           // 2 bold
    '`([^`\\n]+)`',                                        // 3 code
    '\\[([^\\]\\n]+)\\]\\((https?:\\/\\/[^\\s)]+)\\)',     // 4,5 link
    '(https?:\\/\\/[^\\s<>()\\[\\]「」『』、。，）]+)',      // 6 bare url
    '[\\[［]\\s*(\\d{1,3}(?:\\s*[,，、]\\s*\\d{1,3})*)\\s*[\\]］]' // 7 citation(s)
  ].join('|'), 'g');

  function makeChip(n) {
    var b = el('button', {
      type: 'button', class: 'cite-chip', 'data-n': n, 'aria-label': 'citation ' + n
    });
    b.textContent = String(n);
    return b;
  }

  function renderInline(text, parent) {
    var re = new RegExp(INLINE_RE.source, 'g');
    var last = 0, m;
    while ((m = re.exec(text))) {
      if (m.index > last) parent.appendChild(document.createTextNode(text.slice(last, m.index)));
      if (m[1] !== undefined || m[2] !== undefined) {
        var strong = document.createElement('strong');
        renderInline(m[1] !== undefined ? m[1] : m[2], strong);
        parent.appendChild(strong);
      } else if (m[3] !== undefined) {
        parent.appendChild(el('code', { text: m[3] }));
      } else if (m[4] !== undefined) {
        var a = el('a', { href: m[5], target: '_blank', rel: 'noopener noreferrer' });
        renderInline(m[4], a);
        parent.appendChild(a);
      } else if (m[6] !== undefined) {
        var url = m[6], trail = '';
        while (/[.,;:!?'"]$/.test(url)) { trail = url.slice(-1) + trail; url = url.slice(0, -1); }
        parent.appendChild(el('a', { href: url, target: '_blank', rel: 'noopener noreferrer', text: url }));
        if (trail) parent.appendChild(document.createTextNode(trail));
      } else if (m[7] !== undefined) {
        m[7].split(/\s*[,，、]\s*/).forEach(function (n) {
          if (n) parent.appendChild(makeChip(parseInt(n, 10)));
        });
      }
      last = re.lastIndex;
    }
    if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
  }

  var TABLE_SEP_RE = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;

  function splitRow(line) {
    var s = line.trim();
    if (s.charAt(0) === '|') s = s.slice(1);
    if (s.slice(-1) === '|' && s.slice(-2) !== '\\|') s = s.slice(0, -1);
    var cells = [], cur = '';
    for (var i = 0; i < s.length; i++) {
      var c = s.charAt(i);
      if (c === '\\' && s.charAt(i + 1) === '|') { cur += '|'; i++; }
      else if (c === '|') { cells.push(cur.trim()); cur = ''; }
      else cur += c;
    }
    cells.push(cur.trim());
    return cells;
  }

  function renderMarkdown(src, root) {
    clear(root);
    var lines = String(src || '').replace(/\r\n?/g, '\n').split('\n');
    var para = null;        // open <p>
    var quote = null;       // open <blockquote> > <p>
    var lists = [];         // stack of {el, indent, ordered, li}
    var m;

    function closeAll() { para = null; quote = null; lists = []; }

    for (var i = 0; i < lines.length; i++) {
      var raw = lines[i].replace(/\s+$/, '');
      if (!raw.trim()) { para = null; quote = null; continue; }

      if ((m = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*$/.exec(raw))) {
        closeAll();
        var level = Math.min(6, Math.max(3, m[1].length));
        var h = document.createElement('h' + level);
        renderInline(m[2], h);
        root.appendChild(h);
        continue;
      }
      if (/^\s{0,3}([-*_])(\s*\1){2,}$/.test(raw)) {
        closeAll();
        root.appendChild(document.createElement('hr'));
        continue;
      }
      if (/^\s*\|/.test(raw) && i + 1 < lines.length && TABLE_SEP_RE.test(lines[i + 1]) &&
          lines[i + 1].indexOf('-') >= 0) {
        closeAll();
        var head = splitRow(raw);
        var table = el('table', { class: 'md-table' });
        var thead = el('thead'), htr = el('tr');
        head.forEach(function (c) { var th = el('th', { scope: 'col' }); renderInline(c, th); htr.appendChild(th); });
        thead.appendChild(htr); table.appendChild(thead);
        var tbody = el('tbody');
        i += 2;
        while (i < lines.length && /^\s*\|/.test(lines[i])) {
          var cells = splitRow(lines[i]);
          var rtr = el('tr');
          for (var ci = 0; ci < Math.max(head.length, cells.length); ci++) {
            var td = el('td');
            renderInline(cells[ci] || '', td);
            rtr.appendChild(td);
          }
          tbody.appendChild(rtr);
          i++;
        }
        i--;
        table.appendChild(tbody);
        root.appendChild(el('div', { class: 'table-wrap', tabindex: '0' }, [table]));
        continue;
      }
      if ((m = /^(\s*)([-*+]|\d{1,3}[.)])\s+(.*)$/.exec(raw))) {
        para = null; quote = null;
        var indent = m[1].replace(/\t/g, '    ').length;
        var ordered = /\d/.test(m[2]);
        while (lists.length && indent < lists[lists.length - 1].indent) lists.pop();
        var top = lists[lists.length - 1];
        if (top && indent > top.indent + 1 && top.li) {
          var nested = el(ordered ? 'ol' : 'ul');
          top.li.appendChild(nested);
          top = { el: nested, indent: indent, ordered: ordered, li: null };
          lists.push(top);
        } else if (!top || top.ordered !== ordered) {
          if (top) lists.pop();
          var listEl = el(ordered ? 'ol' : 'ul');
          var parentLi = lists.length ? lists[lists.length - 1].li : null;
          (parentLi || root).appendChild(listEl);
          if (ordered) {
            var start = parseInt(m[2], 10);
            if (start !== 1) listEl.setAttribute('start', String(start));
          }
          top = { el: listEl, indent: indent, ordered: ordered, li: null };
          lists.push(top);
        }
        var li = document.createElement('li');
        renderInline(m[3], li);
        top.el.appendChild(li);
        top.li = li;
        continue;
      }
      if ((m = /^\s{0,3}>\s?(.*)$/.exec(raw))) {
        para = null; lists = [];
        if (!quote) {
          var bq = el('blockquote');
          quote = el('p');
          bq.appendChild(quote);
          root.appendChild(bq);
        } else {
          quote.appendChild(document.createElement('br'));
        }
        renderInline(m[1], quote);
        continue;
      }
      // continuation of a list item
      if (lists.length && /^\s{2,}\S/.test(raw) && lists[lists.length - 1].li) {
        var cli = lists[lists.length - 1].li;
        cli.appendChild(document.createElement('br'));
        renderInline(raw.trim(), cli);
        continue;
      }
      lists = []; quote = null;
      if (!para) {
        para = document.createElement('p');
        root.appendChild(para);
      } else {
        para.appendChild(document.createElement('br'));
      }
      renderInline(raw.trim(), para);
    }
  }

  /* ---------------------------------------------------------------- SSE */
  /* Reads text/event-stream from a fetch() body. Handles \n, \r\n and \r line ends,
     multi-line data (joined with \n), comments and a last event without a blank line. */
  function readSSE(body, onEvent) {
    var reader = body.getReader();
    var decoder = new TextDecoder('utf-8');
    var buf = '';
    var evName = '', data = [], hasData = false;

    function dispatch() {
      if (hasData) onEvent(evName || 'message', data.join('\n'));
      evName = ''; data = []; hasData = false;
    }
    function processLine(line) {
      if (line === '') { dispatch(); return; }
      if (line.charAt(0) === ':') return;
      var idx = line.indexOf(':');
      var field = idx < 0 ? line : line.slice(0, idx);
      var value = idx < 0 ? '' : line.slice(idx + 1);
      if (value.charAt(0) === ' ') value = value.slice(1);
      if (field === 'event') evName = value;
      else if (field === 'data') { data.push(value); hasData = true; }
    }
    function consume(final) {
      var start = 0;
      for (var i = 0; i < buf.length; i++) {
        var c = buf.charAt(i);
        if (c === '\n' || c === '\r') {
          if (c === '\r' && i + 1 >= buf.length && !final) break; // maybe \r\n split across chunks
          processLine(buf.slice(start, i));
          if (c === '\r' && buf.charAt(i + 1) === '\n') i++;
          start = i + 1;
        }
      }
      buf = buf.slice(start);
    }
    function pump() {
      return reader.read().then(function (r) {
        if (r.done) {
          buf += decoder.decode();
          consume(true);
          if (buf) processLine(buf);
          buf = '';
          dispatch();
          return;
        }
        buf += decoder.decode(r.value, { stream: true });
        consume(false);
        return pump();
      });
    }
    return pump();
  }

  /* -------------------------------------------------------------- state */

  var state = {
    history: [],            // [{role, content}]
    messages: {},           // id -> message object
    seq: 0,
    streaming: null,        // {controller, msg}
    panelFor: null,         // {msg, n, chunkId}
    panelToken: 0,
    lastFocus: null
  };
  var chunkCache = {};      // chunk_id -> Promise<json>

  var els = {};

  /* ------------------------------------------------------------ messages */

  function hideEmptyState() { els.empty.hidden = true; }

  function nearBottom() {
    var c = els.conversation;
    return c.scrollHeight - c.scrollTop - c.clientHeight < 120;
  }
  function scrollToBottom() { els.conversation.scrollTop = els.conversation.scrollHeight; }

  function appendUserMessage(question) {
    var lang = guessLang(question);
    var node = el('article', { class: 'message user', lang: lang }, [
      el('span', { class: 'visually-hidden', text: tr(lang, 'you') + ': ' }),
      el('div', { class: 'message-text', text: question })
    ]);
    els.conversation.appendChild(node);
    return node;
  }

  function createAssistantMessage(question) {
    var id = 'm' + (++state.seq);
    var lang = guessLang(question);
    var msg = {
      id: id, lang: lang, question: question, answerRaw: '', citations: null,
      contexts: [], final: null, done: false, failed: false, detached: false, rafId: 0
    };
    var status = el('div', { class: 'status', role: 'status' }, [
      el('span', { class: 'spinner', 'aria-hidden': 'true' }),
      el('span', { class: 'status-text', text: tr(lang, 'searching') })
    ]);
    var answer = el('div', { class: 'answer-text' });
    var copyBtn = el('button', { type: 'button', class: 'btn btn-small copy-answer', hidden: true,
      'aria-label': tr(lang, 'copyLabel'), text: tr(lang, 'copy') });
    var timings = el('span', { class: 'timings' });
    var summary = el('summary', { text: tr(lang, 'sources', 0) });
    var list = el('ol', { class: 'sources-list' });
    var details = el('details', { class: 'sources', hidden: true }, [summary, list]);
    var footer = el('footer', { class: 'answer-footer', hidden: true }, [
      el('div', { class: 'answer-tools' }, [copyBtn, timings]), details
    ]);
    var root = el('article', { class: 'message assistant streaming', 'data-msg-id': id, lang: lang,
      'aria-busy': 'true' }, [
      el('span', { class: 'visually-hidden', text: tr(lang, 'assistant') + ': ' }),
      status, answer, footer
    ]);
    msg.els = { root: root, status: status, answer: answer, copy: copyBtn, timings: timings,
      details: details, summary: summary, list: list, footer: footer };
    copyBtn.addEventListener('click', function () { copyAnswer(msg); });
    state.messages[id] = msg;
    els.conversation.appendChild(root);
    return msg;
  }

  function setLang(msg, lang) {
    if (!lang || lang === msg.lang) return;
    msg.lang = lang;
    msg.els.root.setAttribute('lang', lang);
    msg.els.copy.textContent = tr(lang, 'copy');
    msg.els.copy.setAttribute('aria-label', tr(lang, 'copyLabel'));
  }

  function setStatus(msg, key) {
    if (!key) { msg.els.status.hidden = true; return; }
    msg.els.status.hidden = false;
    $('.status-text', msg.els.status).textContent = tr(msg.lang, key);
  }

  function scheduleRender(msg) {
    if (msg.rafId) return;
    msg.rafId = requestAnimationFrame(function () {
      msg.rafId = 0;
      renderAnswer(msg);
    });
  }

  function renderAnswer(msg) {
    if (msg.rafId) { cancelAnimationFrame(msg.rafId); msg.rafId = 0; }
    var stick = nearBottom();
    renderMarkdown(msg.answerRaw, msg.els.answer);
    decorateChips(msg);
    if (stick) scrollToBottom();
  }

  function citationMap(list) {
    var map = {};
    (Array.isArray(list) ? list : []).forEach(function (c) {
      if (c && c.n != null) map[String(c.n)] = c;
    });
    return map;
  }

  function contextFor(msg, chunkId) {
    for (var i = 0; i < msg.contexts.length; i++) {
      if (msg.contexts[i] && msg.contexts[i].chunk_id === chunkId) return msg.contexts[i];
    }
    return null;
  }

  function decorateChips(msg) {
    if (!msg.citations) return;
    var chips = msg.els.root.querySelectorAll('button.cite-chip');
    Array.prototype.forEach.call(chips, function (chip) {
      var c = msg.citations[chip.getAttribute('data-n')];
      if (c) {
        chip.classList.remove('cite-unknown');
        chip.title = [c.title, c.section].filter(Boolean).join(' — ');
      } else if (msg.done) {
        chip.classList.add('cite-unknown');
        chip.title = tr(msg.lang, 'noCitation');
      }
    });
  }

  function renderSources(msg) {
    var ctxs = msg.contexts;
    var d = msg.els;
    d.details.hidden = !ctxs.length;
    d.footer.hidden = !ctxs.length && !msg.done;
    d.summary.textContent = tr(msg.lang, 'sources', ctxs.length);
    clear(d.list);
    var citedBy = {};
    if (msg.citations) {
      Object.keys(msg.citations).forEach(function (n) {
        var c = msg.citations[n];
        (citedBy[c.chunk_id] = citedBy[c.chunk_id] || []).push(n);
      });
    }
    ctxs.forEach(function (ctx, i) {
      if (!ctx) return;
      var btn = el('button', { type: 'button', class: 'source-item', 'data-chunk-id': ctx.chunk_id });
      btn.appendChild(el('span', { class: 'src-rank', text: '#' + (ctx.rank != null ? ctx.rank : i + 1) }));
      var body = el('span', { class: 'src-body' });
      body.appendChild(el('span', { class: 'src-title', text: ctx.title || ctx.doc_id || ctx.chunk_id || '' }));
      if (ctx.section) body.appendChild(el('span', { class: 'src-section', text: ctx.section }));
      btn.appendChild(body);
      var meta = el('span', { class: 'src-meta' });
      if (ctx.jurisdiction) meta.appendChild(el('span', { class: 'jur-badge', text: jurLabel(ctx.jurisdiction, msg.lang) }));
      var cited = citedBy[ctx.chunk_id];
      if (cited) meta.appendChild(el('span', { class: 'src-cited', text: tr(msg.lang, 'cited') + ' [' + cited.join(', ') + ']' }));
      if (typeof ctx.score === 'number') meta.appendChild(el('span', { class: 'src-score', text: ctx.score.toFixed(3) }));
      btn.appendChild(meta);
      d.list.appendChild(el('li', null, [btn]));
    });
  }

  function fmtMs(v) {
    if (typeof v !== 'number' || !isFinite(v)) return null;
    if (v >= 1000) return (v / 1000).toFixed(v >= 10000 ? 0 : 1) + ' s';
    return Math.round(v) + ' ms';
  }

  function renderTimings(msg, timings) {
    if (!timings || typeof timings !== 'object') { msg.els.timings.textContent = ''; return; }
    var parts = [];
    ['retrieve', 'generate', 'total'].forEach(function (k) {
      var s = fmtMs(timings[k]);
      if (s) parts.push(tr(msg.lang, k) + ' ' + s);
    });
    msg.els.timings.textContent = parts.join(' · ');
  }

  function renderAbstained(msg) {
    var notice = el('div', { class: 'abstained-notice', role: 'note' }, [
      el('span', { class: 'notice-icon', 'aria-hidden': 'true', text: '∅' }),
      el('div', null, [
        el('strong', { class: 'notice-title', text: tr(msg.lang, 'abstainedTitle') }),
        el('p', { class: 'notice-body', text: tr(msg.lang, 'abstainedBody') })
      ])
    ]);
    msg.els.root.classList.add('abstained');
    msg.els.root.insertBefore(notice, msg.els.answer);
  }

  function renderComparison(msg, comparison) {
    var cols = comparison.filter(function (c) { return c && typeof c === 'object'; });
    if (!cols.length) return;
    var table = el('table', { class: 'comparison' });
    table.appendChild(el('caption', { text: tr(msg.lang, 'comparisonCaption') }));
    var htr = el('tr');
    var rows = 0;
    cols.forEach(function (c) {
      var code = c.jurisdiction == null ? '' : String(c.jurisdiction);
      htr.appendChild(el('th', { scope: 'col', 'data-jurisdiction': code, text: jurLabel(code, msg.lang) || code }));
      rows = Math.max(rows, Array.isArray(c.points) ? c.points.length : 0);
    });
    table.appendChild(el('thead', null, [htr]));
    var tbody = el('tbody');
    for (var r = 0; r < rows; r++) {
      var tr_ = el('tr');
      cols.forEach(function (c) {
        var code = c.jurisdiction == null ? '' : String(c.jurisdiction);
        var td = el('td', { 'data-jurisdiction': code, 'data-label': jurLabel(code, msg.lang) || code });
        var p = Array.isArray(c.points) ? c.points[r] : null;
        if (p != null) {
          if (typeof p === 'string') p = { text: p };
          var point = el('div', { class: 'point' });
          renderInline(String(p.text || ''), point);
          var present = {};
          Array.prototype.forEach.call(point.querySelectorAll('.cite-chip'), function (ch) {
            present[ch.getAttribute('data-n')] = true;
          });
          (Array.isArray(p.citations) ? p.citations : []).forEach(function (n) {
            if (n == null || present[String(n)]) return;
            present[String(n)] = true;
            point.appendChild(makeChip(n));
          });
          td.appendChild(point);
        }
        tr_.appendChild(td);
      });
      tbody.appendChild(tr_);
    }
    table.appendChild(tbody);
    var wrap = el('div', { class: 'comparison-wrap', tabindex: '0', role: 'region',
      'aria-label': tr(msg.lang, 'comparisonCaption') }, [table]);
    msg.els.root.insertBefore(wrap, msg.els.footer);
  }

  function renderError(msg, err) {
    err = err || {};
    var lang = msg.lang;
    msg.failed = true;
    msg.els.root.classList.add('failed');
    setStatus(msg, null);
    var old = $('.error-banner', msg.els.root);
    if (old) old.remove();
    var details = [];
    if (err.code) details.push(el('span', { class: 'error-code', text: err.code }));
    if (err.request_id) details.push(el('span', { class: 'error-request-id', text: tr(lang, 'requestId') + ': ' + err.request_id }));
    var retry = el('button', { type: 'button', class: 'btn btn-small retry', text: tr(lang, 'retry') });
    retry.addEventListener('click', function () {
      if (state.streaming) return;
      els.question.value = msg.question;
      submitQuestion();
    });
    var banner = el('div', { class: 'error-banner', role: 'alert' }, [
      el('strong', { class: 'error-title', text: tr(lang, 'error') }),
      el('span', { class: 'error-message', text: err.message || tr(lang, 'badResponse') }),
      details.length ? el('span', { class: 'error-details' }, details) : null,
      retry
    ]);
    msg.els.root.insertBefore(banner, msg.els.footer);
    if (nearBottom()) scrollToBottom();
  }

  /* ------------------------------------------------------------ events */

  function parseJSON(s) {
    try { return JSON.parse(s); } catch (e) { return undefined; }
  }

  function handleEvent(msg, name, raw) {
    if (msg.detached || msg.done) return;
    try {
      applyEvent(msg, name, raw);
    } catch (e) {
      if (window.console) console.error('PolicyQA: bad "' + name + '" event', e);
    }
  }

  function applyEvent(msg, name, raw) {
    var data = parseJSON(raw);
    switch (name) {
      case 'contexts':
        msg.contexts = Array.isArray(data) ? data : (data && Array.isArray(data.contexts) ? data.contexts : []);
        renderSources(msg);
        if (!msg.answerRaw) setStatus(msg, 'writing');
        break;
      case 'delta':
        var text = data === undefined ? raw : (typeof data === 'string' ? data : (data && (data.text != null ? data.text : data.delta)));
        if (text) {
          msg.answerRaw += String(text);
          setStatus(msg, null);
          scheduleRender(msg);
        }
        break;
      case 'citations':
        msg.citations = citationMap(Array.isArray(data) ? data : (data && data.citations));
        decorateChips(msg);
        renderSources(msg);
        break;
      case 'done':
        if (data && typeof data === 'object') handleDone(msg, data);
        else renderError(msg, { code: 'bad_response', message: tr(msg.lang, 'badResponse') });
        break;
      case 'error':
        var e = data && (data.error || data);
        renderError(msg, typeof e === 'object' ? e : { message: String(raw) });
        break;
      default:
        break; // pings and unknown events
    }
  }

  function handleDone(msg, ans) {
    if (ans.error && !ans.answer) { renderError(msg, ans.error); return; }
    msg.final = ans;
    msg.done = true;
    setLang(msg, ans.language === 'ja' || ans.language === 'en' ? ans.language : msg.lang);
    if (typeof ans.answer === 'string' && ans.answer) msg.answerRaw = ans.answer;
    if (Array.isArray(ans.citations)) msg.citations = citationMap(ans.citations);
    else if (!msg.citations) msg.citations = {};
    if (Array.isArray(ans.contexts) && ans.contexts.length) {
      // keep titles/jurisdiction from the streamed contexts if the final ones lack them
      var prev = {};
      msg.contexts.forEach(function (c) { if (c) prev[c.chunk_id] = c; });
      msg.contexts = ans.contexts.map(function (c) {
        var p = c && prev[c.chunk_id];
        return p ? Object.assign({}, p, c, { title: c.title || p.title, jurisdiction: c.jurisdiction || p.jurisdiction }) : c;
      });
    }
    setStatus(msg, null);
    if (ans.abstained) renderAbstained(msg);
    renderAnswer(msg);
    if (Array.isArray(ans.comparison) && ans.comparison.length) renderComparison(msg, ans.comparison);
    renderSources(msg);
    renderTimings(msg, ans.timings_ms);
    msg.els.copy.hidden = false;
    msg.els.footer.hidden = false;
    msg.els.root.classList.add('done');
    state.history.push({ role: 'user', content: msg.question });
    state.history.push({ role: 'assistant', content: msg.answerRaw });
    if (nearBottom()) scrollToBottom();
  }

  function readErrorResponse(res) {
    return res.text().then(function (body) {
      var j = parseJSON(body);
      var e = j && (j.error || (j.detail && { code: 'http_' + res.status, message: typeof j.detail === 'string' ? j.detail : JSON.stringify(j.detail) }));
      if (e && typeof e === 'object') {
        return { code: e.code || 'http_' + res.status, message: e.message || res.statusText, request_id: e.request_id || res.headers.get('x-request-id') };
      }
      return { code: 'http_' + res.status, message: (res.status + ' ' + (res.statusText || '')).trim(), request_id: res.headers.get('x-request-id') };
    }, function () {
      return { code: 'http_' + res.status, message: String(res.status) };
    });
  }

  /* ------------------------------------------------------------- asking */

  function setBusy(busy) {
    els.send.disabled = busy;
    els.stop.hidden = !busy;
    els.conversation.setAttribute('aria-busy', busy ? 'true' : 'false');
  }

  function ask(question) {
    question = String(question || '').trim();
    if (!question || state.streaming) return;
    hideEmptyState();
    appendUserMessage(question);
    var msg = createAssistantMessage(question);
    scrollToBottom();
    var history = state.history.slice(-MAX_HISTORY_TURNS);
    var controller = typeof AbortController !== 'undefined' ? new AbortController() : null;
    state.streaming = { controller: controller, msg: msg };
    setBusy(true);

    var req = fetch(API.ask, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Accept': 'text/event-stream' },
      body: JSON.stringify({ question: question, history: history, stream: true }),
      signal: controller ? controller.signal : undefined
    }).then(function (res) {
      if (!res.ok) return readErrorResponse(res).then(function (e) { renderError(msg, e); });
      var ctype = (res.headers.get('content-type') || '').toLowerCase();
      if (ctype.indexOf('application/json') >= 0) {
        return res.json().then(function (j) {
          if (j && j.error) renderError(msg, j.error);
          else if (j && typeof j === 'object') handleDone(msg, j);
        });
      }
      if (!res.body || !res.body.getReader) {
        return res.text().then(function (t) {
          // no streaming support: parse the whole body as SSE
          var enc = new TextEncoder().encode(t);
          var once = false;
          return readSSE({ getReader: function () {
            return { read: function () {
              if (once) return Promise.resolve({ done: true });
              once = true; return Promise.resolve({ done: false, value: enc });
            } };
          } }, function (n, d) { handleEvent(msg, n, d); });
        });
      }
      return readSSE(res.body, function (n, d) { handleEvent(msg, n, d); });
    }).then(function () {
      if (!msg.done && !msg.failed && !msg.detached) {
        if (msg.answerRaw) renderAnswer(msg);
        renderError(msg, { code: 'incomplete', message: tr(msg.lang, 'incomplete') });
      }
    }, function (err) {
      if (msg.detached) return;
      if (err && err.name === 'AbortError') {
        if (msg.answerRaw) renderAnswer(msg);
        msg.els.root.classList.add('stopped');
        msg.els.status.hidden = false;
        msg.els.status.classList.add('stopped-status');
        $('.status-text', msg.els.status).textContent = tr(msg.lang, 'stopped');
        return;
      }
      renderError(msg, { code: 'network_error', message: tr(msg.lang, 'networkError') +
        (err && err.message ? ' (' + err.message + ')' : '') });
    });

    function cleanup() {
      msg.els.root.classList.remove('streaming');
      msg.els.root.setAttribute('aria-busy', 'false');
      if (state.streaming && state.streaming.msg === msg) {
        state.streaming = null;
        setBusy(false);
      }
    }
    req.then(cleanup, function (e) {
      cleanup();
      if (window.console) console.error(e);
    });
  }

  function submitQuestion() {
    if (state.streaming) return;
    var q = els.question.value.trim();
    if (!q) { els.question.focus(); return; }
    els.question.value = '';
    autoGrow();
    ask(q);
    els.question.focus();
  }

  function stopStreaming() {
    if (state.streaming && state.streaming.controller) state.streaming.controller.abort();
  }

  function newConversation() {
    if (state.streaming) {
      state.streaming.msg.detached = true;
      if (state.streaming.controller) state.streaming.controller.abort();
      state.streaming = null;
    }
    setBusy(false);
    closePanel(false);
    Object.keys(state.messages).forEach(function (id) { state.messages[id].detached = true; });
    state.messages = {};
    state.history = [];
    Array.prototype.slice.call(els.conversation.querySelectorAll('.message')).forEach(function (n) { n.remove(); });
    els.empty.hidden = false;
    els.conversation.scrollTop = 0;
    els.question.value = '';
    autoGrow();
    els.question.focus();
  }

  /* ---------------------------------------------------------- clipboard */

  function copyText(text) {
    function fallback() {
      var ta = el('textarea', { class: 'clipboard-helper', readonly: true, 'aria-hidden': 'true' });
      ta.value = text;
      document.body.appendChild(ta);
      ta.select();
      var ok = false;
      try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
      ta.remove();
      return ok;
    }
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).then(function () { return true; }, function () { return fallback(); });
    }
    return Promise.resolve(fallback());
  }

  function copyAnswer(msg) {
    var text = msg.answerRaw;
    var cites = msg.citations ? Object.keys(msg.citations).map(function (k) { return msg.citations[k]; }) : [];
    cites.sort(function (a, b) { return a.n - b.n; });
    if (cites.length) {
      text += '\n\n' + cites.map(function (c) {
        return '[' + c.n + '] ' + [c.title, c.section].filter(Boolean).join(' — ') + (c.url ? ' ' + c.url : '');
      }).join('\n');
    }
    var btn = msg.els.copy;
    copyText(text).then(function (ok) {
      btn.textContent = tr(msg.lang, ok ? 'copied' : 'copyFailed');
      btn.classList.toggle('copied', !!ok);
      btn.focus();
      setTimeout(function () {
        btn.textContent = tr(msg.lang, 'copy');
        btn.classList.remove('copied');
      }, 1800);
    });
  }

  /* -------------------------------------------------------- source panel */

  function normWithMap(text, fold) {
    var norm = '', starts = [], ends = [];
    var i = 0;
    while (i < text.length) {
      var cp = text.codePointAt(i);
      var ch = String.fromCodePoint(cp);
      var next = i + ch.length;
      if (!/\s/.test(ch)) {
        var s = fold ? ch.normalize('NFKC').toLowerCase().replace(/\s+/g, '') : ch;
        for (var k = 0; k < s.length; k++) { norm += s.charAt(k); starts.push(i); ends.push(next); }
      }
      i = next;
    }
    return { norm: norm, starts: starts, ends: ends };
  }

  function normQuote(q, fold) {
    var s = q.replace(/\s+/g, '');
    return fold ? s.normalize('NFKC').toLowerCase().replace(/\s+/g, '') : s;
  }

  function findOne(text, quote) {
    var q = quote.trim();
    if (!q) return null;
    var i = text.indexOf(q);
    if (i >= 0) return [i, i + q.length];
    for (var pass = 0; pass < 2; pass++) {
      var fold = pass === 1;
      var nq = normQuote(q, fold);
      if (!nq) return null;
      var t = normWithMap(text, fold);
      var j = t.norm.indexOf(nq);
      if (j >= 0) return [t.starts[j], t.ends[j + nq.length - 1]];
    }
    return null;
  }

  /* Exact match, then whitespace-insensitive, then NFKC/case/whitespace-insensitive;
     a quote with "…" elisions is matched piece by piece. Returns sorted [start, end] ranges. */
  function findQuoteRanges(text, quote) {
    if (!text || !quote) return [];
    var whole = findOne(text, quote);
    if (whole) return [whole];
    var pieces = quote.split(/\s*(?:…+|\.{3,}|⋯+)\s*/).filter(function (p) { return p.replace(/\s+/g, '').length >= 4; });
    if (pieces.length < 2) return [];
    var ranges = [];
    pieces.forEach(function (p) { var r = findOne(text, p); if (r) ranges.push(r); });
    ranges.sort(function (a, b) { return a[0] - b[0]; });
    return ranges.filter(function (r, idx) { return idx === 0 || r[0] >= ranges[idx - 1][1]; });
  }

  function appendMarked(parent, text, ranges) {
    var pos = 0, first = null;
    ranges.forEach(function (r) {
      if (r[0] > pos) parent.appendChild(document.createTextNode(text.slice(pos, r[0])));
      var mark = el('mark', { text: text.slice(r[0], r[1]) });
      parent.appendChild(mark);
      if (!first) first = mark;
      pos = r[1];
    });
    if (pos < text.length) parent.appendChild(document.createTextNode(text.slice(pos)));
    return first;
  }

  function fetchChunk(id) {
    if (!chunkCache[id]) {
      chunkCache[id] = fetch(API.chunk(id), { headers: { Accept: 'application/json' } }).then(function (res) {
        if (!res.ok) throw new Error('HTTP ' + res.status);
        return res.json();
      }).then(function (j) {
        if (!j || !j.chunk) throw new Error('bad chunk response');
        return j;
      });
      chunkCache[id].catch(function () { delete chunkCache[id]; });
    }
    return chunkCache[id];
  }

  function isOpenPanel() { return !els.panel.hidden; }

  function showPanelText(before, text, after, quote, lang) {
    var box = els.panelText;
    clear(box);
    if (before) box.appendChild(el('span', { class: 'panel-before', text: before }));
    var chunkSpan = el('span', { class: 'panel-chunk' });
    var ranges = quote ? findQuoteRanges(text || '', quote) : [];
    var first = appendMarked(chunkSpan, text || '', ranges);
    box.appendChild(chunkSpan);
    if (after) box.appendChild(el('span', { class: 'panel-after', text: after }));
    var qb = els.panelQuote;
    clear(qb);
    if (quote && !ranges.length && text) {
      qb.hidden = false;
      qb.appendChild(el('p', { class: 'panel-quote-label', text: tr(lang, 'quoteNotFound') }));
      qb.appendChild(el('p', { text: quote }));
    } else {
      qb.hidden = true;
    }
    // scroll so the chunk (or its mark) is in view, within the panel only
    var target = first || chunkSpan;
    var body = els.panelBody;
    requestAnimationFrame(function () {
      var top = target.getBoundingClientRect().top - box.getBoundingClientRect().top;
      box.scrollTop = Math.max(0, top - 40);
      if (box.scrollHeight <= box.clientHeight) {
        var btop = target.getBoundingClientRect().top - body.getBoundingClientRect().top + body.scrollTop;
        body.scrollTop = Math.max(0, btop - body.clientHeight / 3);
      }
    });
  }

  function setPanelMeta(info, lang) {
    els.panelTitle.textContent = info.title || info.doc_id || '';
    els.panelSection.textContent = info.section || info.section_path || info.section_id || '';
    els.panelSection.hidden = !els.panelSection.textContent;
    var j = jurLabel(info.jurisdiction, lang);
    els.panelJur.textContent = j;
    els.panelJur.hidden = !j;
    els.panelPage.textContent = info.page != null && info.page !== '' ? tr(lang, 'page', info.page) : '';
    els.panelPage.hidden = !els.panelPage.textContent;
    if (info.url && /^https?:\/\//i.test(info.url)) {
      els.panelLink.href = info.url;
      els.panelLink.hidden = false;
      els.panelLink.title = info.url;
    } else {
      els.panelLink.hidden = true;
      els.panelLink.removeAttribute('href');
    }
  }

  function openPanel(msg, opts, trigger) {
    var lang = msg.lang;
    var token = ++state.panelToken;
    var cit = opts.citation || null;
    var chunkId = cit ? cit.chunk_id : opts.chunkId;
    var ctx = chunkId ? contextFor(msg, chunkId) : null;
    var quote = cit ? cit.quote : null;
    state.lastFocus = trigger || document.activeElement;
    state.panelFor = { msgId: msg.id, n: opts.n, chunkId: chunkId };

    els.panelN.textContent = opts.n != null ? '[' + opts.n + ']' : '';
    els.panelN.hidden = opts.n == null;
    var info = {
      title: (cit && cit.title) || (ctx && ctx.title) || (cit && cit.doc_id) || (ctx && ctx.doc_id),
      section: (cit && cit.section) || (ctx && ctx.section),
      jurisdiction: (cit && cit.jurisdiction) || (ctx && ctx.jurisdiction),
      url: cit ? cit.url : (ctx && (ctx.url || ctx.source_url)),
      doc_id: (cit && cit.doc_id) || (ctx && ctx.doc_id)
    };
    setPanelMeta(info, lang);
    els.panelStatus.textContent = '';
    els.panelStatus.className = 'panel-status';

    if (!cit && !chunkId) {
      clear(els.panelText);
      els.panelQuote.hidden = true;
      els.panelTitle.textContent = tr(lang, 'noCitation');
      els.panelStatus.textContent = '';
    } else {
      // show what we already have, then replace it with the text in context
      if (ctx && ctx.text) showPanelText('', ctx.text, '', quote, lang);
      else clear(els.panelText);
      els.panelStatus.textContent = tr(lang, 'loading');
      fetchChunk(chunkId).then(function (j) {
        if (token !== state.panelToken) return;
        var c = j.chunk;
        setPanelMeta({
          title: info.title || c.title, section: info.section || c.section || c.section_path,
          jurisdiction: info.jurisdiction || c.jurisdiction,
          url: info.url || c.url || c.source_url, page: c.page, doc_id: info.doc_id || c.doc_id
        }, lang);
        els.panelStatus.textContent = '';
        showPanelText(j.before || '', c.text || '', j.after || '', quote, lang);
      }, function () {
        if (token !== state.panelToken) return;
        els.panelStatus.className = 'panel-status panel-warning';
        if (ctx && ctx.text) {
          els.panelStatus.textContent = tr(lang, 'chunkFailed');
        } else {
          els.panelStatus.textContent = tr(lang, 'chunkUnavailable');
          if (quote) showPanelText('', quote, '', quote, lang);
        }
      });
    }

    var wasOpen = isOpenPanel();
    els.panel.hidden = false;
    els.backdrop.hidden = false;
    els.panel.setAttribute('lang', lang);
    document.body.classList.add('panel-open');
    if (!wasOpen) els.panelBody.scrollTop = 0;
    els.panelClose.focus({ preventScroll: true });
  }

  function closePanel(restoreFocus) {
    if (!isOpenPanel()) return;
    state.panelToken++;
    els.panel.hidden = true;
    els.backdrop.hidden = true;
    document.body.classList.remove('panel-open');
    state.panelFor = null;
    var f = state.lastFocus;
    state.lastFocus = null;
    if (restoreFocus !== false && f && document.body.contains(f) && f.focus) f.focus();
  }

  /* ------------------------------------------------------------ examples */

  function renderExamples(list) {
    clear(els.examples);
    list.forEach(function (ex) {
      var b = el('button', { type: 'button', class: 'example', lang: ex.lang, 'data-lang': ex.lang, text: ex.question });
      els.examples.appendChild(b);
    });
  }

  function loadExamples() {
    renderExamples(FALLBACK_EXAMPLES);
    fetch(API.examples, { headers: { Accept: 'application/json' } }).then(function (res) {
      if (!res.ok) throw new Error('HTTP ' + res.status);
      return res.json();
    }).then(function (j) {
      var list = (j && Array.isArray(j.examples) ? j.examples : []).filter(function (e) {
        return e && typeof e.question === 'string' && e.question.trim();
      }).map(function (e) {
        return { lang: e.lang === 'en' || e.lang === 'ja' ? e.lang : guessLang(e.question), question: e.question.trim() };
      });
      if (list.length) renderExamples(list);
    }).catch(function () { /* keep the built-in examples */ });
  }

  /* --------------------------------------------------------------- setup */

  function autoGrow() {
    var q = els.question;
    q.style.height = 'auto';
    q.style.height = Math.min(q.scrollHeight + 2, Math.round(window.innerHeight * 0.35)) + 'px';
  }

  function init() {
    els = {
      conversation: $('#conversation'),
      empty: $('#empty-state'),
      examples: $('#examples'),
      form: $('#composer'),
      question: $('#question'),
      send: $('#send'),
      stop: $('#stop'),
      newChat: $('#new-chat'),
      panel: $('#source-panel'),
      backdrop: $('#panel-backdrop'),
      panelBody: $('#source-panel .panel-body'),
      panelClose: $('#panel-close'),
      panelN: $('#source-panel .panel-n'),
      panelTitle: $('#source-panel .panel-title'),
      panelSection: $('#source-panel .panel-section'),
      panelJur: $('#source-panel .panel-jurisdiction'),
      panelPage: $('#source-panel .panel-page'),
      panelStatus: $('#source-panel .panel-status'),
      panelText: $('#source-panel .panel-text'),
      panelQuote: $('#source-panel .panel-quote'),
      panelLink: $('#source-panel .panel-link')
    };

    els.form.addEventListener('submit', function (e) { e.preventDefault(); submitQuestion(); });
    els.question.addEventListener('keydown', function (e) {
      if (e.key !== 'Enter' || e.shiftKey || e.altKey) return;
      if (e.isComposing || e.keyCode === 229) return; // IME conversion in progress
      e.preventDefault();
      submitQuestion();
    });
    els.question.addEventListener('input', autoGrow);
    els.stop.addEventListener('click', stopStreaming);
    els.newChat.addEventListener('click', newConversation);

    els.examples.addEventListener('click', function (e) {
      var b = e.target.closest('button.example');
      if (!b || state.streaming) return;
      ask(b.textContent);
    });

    els.conversation.addEventListener('click', function (e) {
      var chip = e.target.closest('button.cite-chip');
      var src = chip ? null : e.target.closest('button.source-item');
      if (!chip && !src) return;
      var root = (chip || src).closest('.message.assistant');
      var msg = root && state.messages[root.getAttribute('data-msg-id')];
      if (!msg) return;
      if (chip) {
        var n = chip.getAttribute('data-n');
        var cit = msg.citations ? msg.citations[n] : null;
        openPanel(msg, { n: n, citation: cit }, chip);
      } else {
        var id = src.getAttribute('data-chunk-id');
        var c = null;
        if (msg.citations) {
          Object.keys(msg.citations).some(function (k) {
            if (msg.citations[k].chunk_id === id) { c = msg.citations[k]; return true; }
            return false;
          });
        }
        openPanel(msg, c ? { n: c.n, citation: c } : { chunkId: id }, src);
      }
    });

    els.panelClose.addEventListener('click', function () { closePanel(); });
    els.backdrop.addEventListener('click', function () { closePanel(); });
    document.addEventListener('keydown', function (e) {
      if ((e.key === 'Escape' || e.key === 'Esc') && isOpenPanel()) {
        e.preventDefault();
        closePanel();
      }
    });

    loadExamples();
    autoGrow();

    var q = null;
    try { q = new URLSearchParams(window.location.search).get('q'); } catch (e) { q = null; }
    if (q && q.trim()) ask(q);
    else els.question.focus({ preventScroll: true });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
