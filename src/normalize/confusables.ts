/**
 * Look-alike letters of other scripts mapped to the Latin letter they imitate. Every entry maps
 * one BMP character to one ASCII character, so folding never changes a text's length.
 * Mathematical, full-width and enclosed forms need no entry: NFKC already folds them.
 */
const PAIRS: string =
  // Cyrillic lower / upper
  'аaеeёeіiїiјjкkоoрpсcуyхxѕsԁdԛqԝwһhӏlɡgүyЬbʏy' +
  'АAВBЕEЁEІIЇIЈJКKМMНHОOРPСCТTУYХXЅSԚQԜWҮYӀIЗ3' +
  // Greek
  'αaοoνvρpτtυuιiκkχxϲcϳjΑAΒBΕEΖZΗHΙIΚKΜMΝNΟOΡPΤTΥYΧXϹCϜFȷj' +
  // Latin extensions and IPA that pass for ASCII letters
  'ıiɑaɩiǀlɪiʀRᴀAᴄCᴅDᴇEɢGʜHᴊJᴋKʟLᴍMɴNᴏOᴘPʀRꜱSᴛTᴜUᴠVᴡWʏYᴢZ' +
  // Armenian and Cherokee
  'օoսuհhոnցgԁdᎪAᎫJᎬEᎻHᏆIᏦKᎷMᏴBᏟCᎠDᏀGᏞLᏒRᏚSᎢTᏙVᏔWᏃZ';

export const CONFUSABLES: ReadonlyMap<number, string> = (() => {
  const m = new Map<number, string>();
  const chars = Array.from(PAIRS);
  for (let i = 0; i + 1 < chars.length; i += 2) {
    const from = chars[i]!;
    const to = chars[i + 1]!;
    if (from.length === 1 && to.length === 1 && to.charCodeAt(0) < 0x80) m.set(from.charCodeAt(0), to);
  }
  return m;
})();
