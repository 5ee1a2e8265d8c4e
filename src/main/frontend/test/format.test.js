// Light formatting of message text: the tree of nodes the page renders as elements, never as HTML.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatText, hasBlocks } from '../src/lib/format.js';

/** The tree written out, HTML-like, to compare at a glance; text as it is (the tests choose texts without < >). */
function show(nodes) {
  return nodes.map((node) => {
    switch (node.type) {
      case 'text': return node.text;
      case 'br': return '|';
      case 'link': return `<a ${node.href}>${node.text}</a>`;
      case 'mention': return `<m>${node.text}</m>`;
      case 'code': return `<code>${node.text}</code>`;
      case 'pre': return `<pre>${node.text}</pre>`;
      case 'quote': return `<q>${show(node.children)}</q>`;
      default: return `<${node.type}>${show(node.children)}</${node.type}>`;
    }
  }).join('');
}
const f = (text) => show(formatText(text));

/** Every text the tree shows, in order, with line breaks as \n: what a reader sees without the formatting. */
function plain(nodes) {
  return nodes.map((n) => (n.type === 'br' ? '\n' : n.children ? plain(n.children) : n.text)).join('');
}

test('plain text is one text node; no text, no nodes', () => {
  assert.deepEqual(formatText('Lunch at noon? 1a2b3c4d'), [{ type: 'text', text: 'Lunch at noon? 1a2b3c4d' }]);
  assert.deepEqual(formatText(''), []);
  assert.deepEqual(formatText(null), []);
});

test('a typed <script> or <img> stays text', () => {
  const text = "<script>window.parleyXss = 1; alert('xss')</script><img src=x onerror=\"window.parleyXss = 2\"> 1a2b";
  assert.deepEqual(formatText(text), [{ type: 'text', text }]);
  assert.deepEqual(formatText('*<b>hi</b>*'), [{ type: 'strong', children: [{ type: 'text', text: '<b>hi</b>' }] }]);
});

test('inline code: nothing inside is formatted, no link, no mention', () => {
  assert.equal(f('run `npm test` now'), 'run <code>npm test</code> now');
  assert.equal(f('`*not bold* _nor_ ~this~ https://x.example/a @bob`'),
    '<code>*not bold* _nor_ ~this~ https://x.example/a @bob</code>');
  assert.equal(f('`\\*` stays'), '<code>\\*</code> stays', 'a backslash in code is as typed');
  assert.equal(f('``a ` b``'), '<code>a ` b</code>', 'a longer run holds a backtick');
  assert.equal(f('```SELECT 1```'), '<code>SELECT 1</code>', 'three backticks on one line: code');
  assert.equal(f('a ` b'), 'a ` b', 'a lone backtick is as typed');
  assert.equal(f('\\`not code\\`'), '`not code`', 'escaped backticks open nothing');
  assert.equal(f('*bold `code*` rest*'), '<strong>bold <code>code*</code> rest</strong>');
});

test('fenced block: lines and spaces kept, language word dropped, nothing formatted inside', () => {
  const nodes = formatText('before\n```js\n  if (a *b* c) {\n\treturn "https://x.example/_x_";\n\n  }\n```\nafter');
  assert.deepEqual(nodes, [
    { type: 'text', text: 'before' },
    { type: 'pre', text: '  if (a *b* c) {\n\treturn "https://x.example/_x_";\n\n  }' },
    { type: 'text', text: 'after' },
  ]);
  assert.ok(hasBlocks(nodes));
  assert.equal(f('```\nplain\n```'), '<pre>plain</pre>');
  assert.equal(f('```c++  \nx\n```  '), '<pre>x</pre>', 'spaces around the fences');
  assert.equal(f('```\n```'), '<pre></pre>');
  assert.equal(f('```\r\nwindows\r\n```\r\n'), '<pre>windows\r</pre>');
});

test('an unclosed fence runs to the end of the message', () => {
  assert.equal(f('look:\n```\nline 1\n> not a quote\n*not bold*'), 'look:<pre>line 1\n> not a quote\n*not bold*</pre>');
  assert.equal(f('```'), '<pre></pre>');
});

test('a fence line with more than a language word is text', () => {
  assert.equal(f("```print('x')\ny"), "```print('x')|y");
  assert.equal(f('say ```\nno block'), 'say ```|no block');
});

test('bold: *one* or **two** markers', () => {
  assert.equal(f('*bold* and **bold**'), '<strong>bold</strong> and <strong>bold</strong>');
  assert.equal(f('**Note:** read it'), '<strong>Note:</strong> read it');
  assert.equal(f('(*yes*), *really*!'), '(<strong>yes</strong>), <strong>really</strong>!');
  assert.equal(f('*two words*'), '<strong>two words</strong>');
});

test('italic: _word_, only at a word boundary', () => {
  assert.equal(f('_italic_ text'), '<em>italic</em> text');
  assert.equal(f('an _italic phrase_.'), 'an <em>italic phrase</em>.');
  assert.equal(f('snake_case_names and file_name_here'), 'snake_case_names and file_name_here');
  assert.equal(f('call _private_var or 1_000_000'), 'call _private_var or 1_000_000');
  assert.equal(f('__init__ and __dunder'), '__init__ and __dunder', '__ is as typed');
  assert.equal(f('_snake_case_'), '<em>snake_case</em>', 'only the outer ones are at a boundary');
  assert.equal(f('é_ö_ü'), 'é_ö_ü', 'letters beyond ASCII are letters');
});

test('strike: ~one~ or ~~two~~', () => {
  assert.equal(f('~gone~ and ~~gone too~~'), '<s>gone</s> and <s>gone too</s>');
  assert.equal(f('~5 minutes, ~/src and ~10'), '~5 minutes, ~/src and ~10');
});

test('markers that do not hug text are as typed', () => {
  for (const text of ['a * b * c', '2*3*4', 'a*b*c', '5 * 3 = 15 * 1', '* list item', '** nothing **', 'x _ y _ z',
    '~ a ~', '*bold*text', 'Hello*world*', '*', '**', '***bold***', '----', '*half', 'half*']) {
    assert.equal(f(text), text, text);
  }
  assert.equal(f('*a *b c*'), '<strong>a *b c</strong>', 'a marker does not nest in itself');
  assert.equal(f('**bold*'), '**bold*', 'one and two markers do not pair');
});

test('nesting: different markers nest, and one left open inside another is as typed', () => {
  assert.equal(f('*bold _and italic_*'), '<strong>bold <em>and italic</em></strong>');
  assert.equal(f('_italic *and bold*_'), '<em>italic <strong>and bold</strong></em>');
  assert.equal(f('~~*_all three_*~~'), '<s><strong><em>all three</em></strong></s>');
  assert.equal(f('*a _b* c_'), '<strong>a _b</strong> c_');
  assert.equal(f('**bold *inner* more**'), '<strong>bold *inner* more</strong>');
});

test('an escaped marker is literal; other backslashes stay', () => {
  assert.equal(f('\\*not bold\\*'), '*not bold*');
  assert.equal(f('\\_not italic\\_ \\~no\\~'), '_not italic_ ~no~');
  assert.equal(f('*bold \\* star*'), '<strong>bold * star</strong>');
  assert.equal(f('\\\\fileserver\\share\\new'), '\\\\fileserver\\share\\new');
  assert.equal(f('¯\\_(ツ)_/¯'), '¯\\_(ツ)_/¯', 'the shrug keeps its arm');
  assert.equal(f('\\> not a quote'), '> not a quote');
});

test('line breaks stay line breaks, and markers do not run over one', () => {
  assert.equal(f('one\ntwo\n\nfour'), 'one|two||four');
  assert.equal(f('*not\nbold*'), '*not|bold*');
  assert.equal(f('ends with a break\n'), 'ends with a break|');
  assert.equal(plain(formatText('one\ntwo\n\nfour')), 'one\ntwo\n\nfour');
});

test('quotes: lines starting with "> ", consecutive ones together', () => {
  const nodes = formatText('> first\n> *second*\nmine\n> again');
  assert.equal(show(nodes), '<q>first|<strong>second</strong></q>mine<q>again</q>');
  assert.ok(hasBlocks(nodes));
  assert.equal(f('>no space'), '>no space');
  assert.equal(f(' > indented'), ' > indented');
  assert.equal(f('a > b'), 'a > b');
  assert.equal(f('> '), '<q></q>');
  assert.equal(f('> > nested'), '<q>> nested</q>', 'one level');
});

test('empty lines next to a block are left out, others stay', () => {
  assert.equal(f('look:\n\n```\nx\n```\n\nthanks'), 'look:<pre>x</pre>thanks');
  assert.equal(f('a\n\n> q\n\n\nb\n\nc'), 'a<q>q</q>b||c');
  assert.equal(f('> q\n'), '<q>q</q>');
});

test('no blocks: a message a <p> can hold', () => {
  assert.equal(hasBlocks(formatText('*bold* `code` https://x.example a > b')), false);
  assert.equal(hasBlocks(formatText('')), false);
});

test('addresses become links, inside bold and italic too; the text is kept whole', () => {
  const text = 'notes at https://intranet.example/wiki/Page_(draft)?v=2, not javascript:alert(1) 1a2b3c4d';
  const nodes = formatText(text);
  assert.deepEqual(nodes.filter((n) => n.type === 'link'),
    [{ type: 'link', href: 'https://intranet.example/wiki/Page_(draft)?v=2', text: 'https://intranet.example/wiki/Page_(draft)?v=2' }]);
  assert.equal(plain(nodes), text);
  assert.equal(f('see *https://x.example/a_b*'), 'see <strong><a https://x.example/a_b>https://x.example/a_b</a></strong>');
  assert.equal(f('_https://x.example/_'), '<em><a https://x.example/>https://x.example/</a></em>');
  assert.equal(f('~~https://x.example/old~~'), '<s><a https://x.example/old>https://x.example/old</a></s>');
  assert.equal(f('https://x.example/*a*_b_~c~'), '<a https://x.example/*a*_b_~c~>https://x.example/*a*_b_~c~</a>',
    'markers inside an address are part of it');
  assert.equal(f('https://x.example/snake_'), '<a https://x.example/snake_>https://x.example/snake_</a>');
  assert.equal(f('`https://x.example`'), '<code>https://x.example</code>');
});

test('mentions stay mentions, inside formatting too', () => {
  assert.equal(f('@bob *@carol* `@dave`'), '<m>@bob</m> <strong><m>@carol</m></strong> <code>@dave</code>');
  assert.equal(f('@first_last_ and mail first_last@x.example'), '<m>@first_last_</m> and mail first_last@x.example');
});

test('long inputs: linear work, no catastrophic backtracking', () => {
  const inputs = [
    '*'.repeat(4000), '_'.repeat(4000), '~'.repeat(4000), '`'.repeat(4000), '\\'.repeat(4000),
    '*a'.repeat(2000), '_a '.repeat(1333), ' *a'.repeat(1333), '*a_b~'.repeat(800), '* '.repeat(2000),
    '`a``'.repeat(1000), '` `` ```'.repeat(500), Array.from({ length: 60 }, (_, i) => '`'.repeat(i + 1)).join('x').repeat(2),
    '\n'.repeat(4000), '> \n'.repeat(1333), '```\n'.repeat(1000), '```' + ' '.repeat(4000) + '(',
    `https://x.example/${')'.repeat(1000)}`, '@'.repeat(4000), '-@'.repeat(2000), '¯'.repeat(4000),
    `${'*'.repeat(2000)}x${'*'.repeat(2000)}`, '**a '.repeat(1000), '*_~'.repeat(1333),
  ];
  for (const text of inputs) {
    const start = performance.now();
    const nodes = formatText(text);
    const took = performance.now() - start;
    assert.ok(took < 250, `${JSON.stringify(text.slice(0, 20))}…: ${took.toFixed(1)} ms`);
    assert.ok(Array.isArray(nodes));
  }
  assert.deepEqual(formatText('*'.repeat(4000)), [{ type: 'text', text: '*'.repeat(4000) }]);
  const many = formatText('*a* '.repeat(1000));
  assert.equal(many.filter((n) => n.type === 'strong').length, 1000);
});

test('what the tree shows is the text without its markers', () => {
  const text = 'a *b* _c_ ~d~ `e` https://f.example @g\n> h\n```\ni\n```';
  assert.equal(plain(formatText(text)), 'a b c d e https://f.example @ghi');
});
