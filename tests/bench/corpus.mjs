// corpus.mjs -- write a synthetic Japanese site of N guide pages for the
// benchmark (tests/bench/bench.mjs).
//
//   node tests/bench/corpus.mjs N DIR
//
// Writes DIR/content/site.yaml and DIR/content/guides/gNNNNN.md: front
// matter (title, summary, order, tags) and a body of about 2.4 KB of
// Japanese Markdown per page -- headings, paragraphs, bullet and numbered
// lists, a table, a quote, and links to other pages of the corpus (by
// their .md file, the way content/ links).  The same folder is Hugo's
// content folder (tests/bench/hugo-site).  The text is made from the
// vocabulary below with a fixed seed, so the same N always gives the same
// bytes.  Prints "corpus: pages=N bytes=B" on success.
import fs from 'node:fs';
import path from 'node:path';

const [nArg, dir] = process.argv.slice(2);
const N = Number(nArg);
if (!Number.isInteger(N) || N < 1 || !dir) {
  console.error('usage: node tests/bench/corpus.mjs N DIR');
  process.exit(2);
}

// xorshift32: deterministic, independent of Math.random.
let state = 0x9e3779b9;
function rnd() {
  state ^= state << 13; state >>>= 0;
  state ^= state >>> 17;
  state ^= state << 5; state >>>= 0;
  return state / 4294967296;
}
const pick = (a) => a[Math.floor(rnd() * a.length)];
const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));

const topics = ['パスワード', '多要素認証', 'バックアップ', 'ソフトウェアの更新',
  'ウイルス対策ソフト', '標的型メール', 'フィッシング詐欺', 'ランサムウェア',
  '無線LAN', 'USBメモリ', 'クラウドサービス', 'テレワーク', '取引先との連絡',
  '個人情報の管理', '退職者のアカウント', 'スマートフォン', '複合機', 'ルーター',
  'ホームページの管理', 'ネットバンキング', '請求書の詐欺', '社内ルール',
  '従業員の教育', '事故が起きたとき', '持ち出し用のパソコン', '委託先の管理'];
const aspects = ['基本', '始め方', '見直し方', 'よくある失敗', 'チェックの仕方',
  '社内での決め方', '費用の目安', '今日からできること', '注意点', '考え方'];
const tags = ['基本の対策', '経営者向け', '従業員向け', 'パスワード', '更新',
  'メール', 'バックアップ', '事故対応', 'ルール', '教育', 'クラウド', '機器'];
const heads = ['なぜ大切なのか', 'よくある被害', 'まず確認すること', '対策の手順',
  '会社として決めておくこと', '従業員に伝えること', '費用と手間', '事例',
  'うまくいかないとき', '相談先', 'まとめ', '点検の頻度', '記録の残し方'];
const subjects = ['小さな会社', '経営者', '担当者', '従業員', '取引先', '家族経営の店',
  '社外の協力者', '情報システムの担当', '総務の担当', '新しく入った人'];
const objects = ['パスワード', '大事なファイル', 'お客さまの名簿', 'メールの添付ファイル',
  'パソコンの更新', '共有フォルダ', '会計ソフトのデータ', '社内の連絡網', '請求書',
  'ネットバンキングの画面', 'スマホのアプリ', '古いルーター', '見積書', '出勤表'];
// Each verb in its polite and its plain form.
const verbs = [['確かめます', '確かめる'], ['見直します', '見直す'],
  ['書き出しておきます', '書き出しておく'], ['決めておきます', '決めておく'],
  ['話し合います', '話し合う'], ['記録します', '記録する'], ['止めておきます', '止めておく'],
  ['分けて保管します', '分けて保管する'], ['点検します', '点検する'],
  ['相談します', '相談する'], ['更新します', '更新する'], ['控えておきます', '控えておく']];
const connectors = ['まず', 'そのうえで', '次に', '念のため', 'できれば', '少なくとも',
  '月に一度は', '年に一度は', '気づいたときに', '担当を決めて'];
const reasons = ['被害に気づくのが遅れると、取引先にも迷惑がかかるからです',
  '一度漏れた情報は、取り戻せないからです', '攻撃は大きな会社だけを狙うとは限らないからです',
  '人は忙しいときほど、確認を省いてしまうからです', '古い機器は、知られた弱点が残ったままだからです',
  '復旧にかかる時間が、そのまま売り上げの損失になるからです',
  'だまされたことに、本人が気づかないことが多いからです'];

function sentence() {
  switch (int(0, 3)) {
  case 0: return `${pick(connectors)}、${pick(subjects)}は${pick(objects)}を${pick(verbs)[0]}。`;
  case 1: return `${pick(objects)}は、${pick(subjects)}が${pick(verbs)[1]}ようにしましょう。`;
  case 2: return `これは、${pick(reasons)}。`;
  default: return `${pick(subjects)}にとって、${pick(objects)}の扱いは「${pick(topics)}」と同じくらい大切です。`;
  }
}
const para = (k) => Array.from({ length: k }, sentence).join('');
const name = (i) => `g${String(i).padStart(5, '0')}`;
const titleOf = (i) => `${topics[i % topics.length]}の${aspects[Math.floor(i / topics.length) % aspects.length]}（${i}）`;

function page(i) {
  const other = () => { let j = int(1, N); if (j === i && N > 1) j = (j % N) + 1; return j; };
  const h = [...heads].sort(() => rnd() - 0.5).slice(0, 4);
  const t1 = pick(tags);
  let t2 = pick(tags);
  if (t2 === t1) t2 = tags[(tags.indexOf(t1) + 1) % tags.length];
  const links = [other(), other(), other()];
  const out = [];
  out.push('---');
  out.push(`title: ${titleOf(i)}`);
  out.push(`summary: ${pick(subjects)}が${pick(objects)}を${pick(verbs)[1]}ための、${topics[i % topics.length]}の${pick(aspects)}を説明します。`);
  out.push(`order: ${i}`);
  out.push(`tags: [${t1}, ${t2}]`);
  out.push('---', '');
  out.push(`## ${h[0]}`, '', para(int(2, 4)), '', para(int(2, 3)), '');
  out.push(`## ${h[1]}`, '');
  for (let k = int(2, 4); k > 0; k--) out.push(`- ${sentence()}`);
  out.push('', `くわしくは「[${titleOf(links[0])}](${name(links[0])}.md)」も読んでください。${para(1)}`, '');
  out.push(`## ${h[2]}`, '', para(int(1, 2)), '');
  out.push('| 項目 | 担当 | 頻度 |', '|---|---|---|');
  for (let k = int(3, 4); k > 0; k--)
    out.push(`| ${pick(objects)} | ${pick(subjects)} | ${pick(['毎日', '毎週', '毎月', '年に一度', '入れ替えのとき'])} |`);
  out.push('', `## ${h[3]}`, '');
  for (let k = 1; k <= int(3, 4); k++) out.push(`${k}. ${sentence()}`);
  out.push('', `> ${para(1)}`, '');
  out.push(`${para(int(1, 2))}関連する話は「[${titleOf(links[1])}](${name(links[1])}.md)」と「[${titleOf(links[2])}](${name(links[2])}.md)」にあります。`, '');
  return out.join('\n');
}

const guides = path.join(dir, 'content', 'guides');
fs.rmSync(path.join(dir, 'content'), { recursive: true, force: true });
fs.mkdirSync(guides, { recursive: true });
fs.writeFileSync(path.join(dir, 'content', 'site.yaml'),
  'title: ベンチマーク用のサイト\nbase_url: https://www.example.jp/\n' +
  'organisation:\n  name: ベンチマーク商工会議所\n');
let bytes = 0;
for (let i = 1; i <= N; i++) {
  const text = page(i);
  bytes += Buffer.byteLength(text);
  fs.writeFileSync(path.join(guides, `${name(i)}.md`), text);
}
console.log(`corpus: pages=${N} bytes=${bytes}`);
