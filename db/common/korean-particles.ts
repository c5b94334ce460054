/**
 * Korean particles after a value a message does not know in advance. A message writes both forms ("{{file}}을(를)",
 * "{{amount}}이(가)", "{{name}}(으)로"); the one the word before takes is chosen here: 을, 이, 은, 과, 으로 after a
 * final consonant, 를, 가, 는, 와, 로 after a vowel (and 로 after ㄹ). The word's end is its last Hangul syllable, or
 * its last digit as read aloud (…일, …이, …삼), looking through closing quotation marks and brackets; after anything
 * else (a Latin file name, a code) both forms stay, as Korean software writes them.
 */
const PARTICLES: Record<string, [afterConsonant: string, afterVowel: string]> = {
  '을(를)': ['을', '를'],
  '를(을)': ['을', '를'],
  '이(가)': ['이', '가'],
  '가(이)': ['이', '가'],
  '은(는)': ['은', '는'],
  '는(은)': ['은', '는'],
  '과(와)': ['과', '와'],
  '와(과)': ['과', '와'],
};
/** Whether a digit's Korean reading ends in a consonant, and in ㄹ: 영 일 이 삼 사 오 육 칠 팔 구. */
const DIGIT_ENDS: Record<string, 'vowel' | 'rieul' | 'consonant'> = {
  '0': 'consonant',
  '1': 'rieul',
  '2': 'vowel',
  '3': 'consonant',
  '4': 'vowel',
  '5': 'vowel',
  '6': 'consonant',
  '7': 'rieul',
  '8': 'rieul',
  '9': 'vowel',
};
const FIRST_SYLLABLE = 0xac00;
const RIEUL_FINAL = 8;

function ending(ch: string): 'vowel' | 'rieul' | 'consonant' {
  const code = ch.charCodeAt(0);
  if (code >= FIRST_SYLLABLE && code <= 0xd7a3) {
    const final = (code - FIRST_SYLLABLE) % 28;
    return final === 0 ? 'vowel' : final === RIEUL_FINAL ? 'rieul' : 'consonant';
  }
  return DIGIT_ENDS[ch]!;
}

const BOTH_FORMS = /([가-힣0-9])([”’"')\]」』]*)(을\(를\)|를\(을\)|이\(가\)|가\(이\)|은\(는\)|는\(은\)|과\(와\)|와\(과\)|\(으\)로)/g;

export function withKoreanParticles(text: string): string {
  return text.replace(BOTH_FORMS, (_, ch: string, closing: string, both: string) => {
    const end = ending(ch);
    const particle = both === '(으)로' ? (end === 'consonant' ? '으로' : '로') : PARTICLES[both]![end === 'vowel' ? 1 : 0];
    return `${ch}${closing}${particle}`;
  });
}
