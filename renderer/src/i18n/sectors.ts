/**
 * The built-in sectors' names and the HS chapters they map to, in the three languages. Korean chapter titles follow
 * the Korea Customs Service's tariff (관세율표), Chinese ones China's customs tariff (进出口税则); sector names are
 * the product groups as KITA and China's customs statistics name them. Only rows the bundled packs brought are
 * translated, and only while their name is still the pack's: a sector the user created or renamed shows as typed.
 * tests/unit/i18n-sectors.test.ts checks that every sector of every pack in db/packs has all three.
 */
import type { Language } from '../../../db/common/languages.ts';

type Words = Record<Language, string>;

/** The packs shipped with the app whose sectors this file names (rows are stored as `<pack id>:<key>`). */
export const BUILT_IN_PACKS: readonly string[] = ['korea-china-trade', 'korea-china-2022'];

/** By the packs' sector key. */
export const SECTOR_NAMES: Record<string, Words> = {
  'environmental-equipment': { en: 'Environmental equipment', ko: '환경 설비', zh: '环保设备' },
  'auto-parts': { en: 'Auto parts', ko: '자동차 부품', zh: '汽车零部件' },
  'shipbuilding-equipment': { en: 'Shipbuilding equipment', ko: '조선 기자재', zh: '船舶设备' },
  materials: { en: 'Materials', ko: '소재', zh: '材料' },
  cosmetics: { en: 'Cosmetics', ko: '화장품', zh: '化妆品' },
  beverages: { en: 'Beverages', ko: '음료', zh: '饮料' },
  'health-food': { en: 'Health food', ko: '건강식품', zh: '保健食品' },
  semiconductors: { en: 'Semiconductors', ko: '반도체', zh: '半导体' },
  'flat-panel-displays': { en: 'Flat panel displays', ko: '평판 디스플레이', zh: '平板显示器' },
  'petroleum-products': { en: 'Petroleum products', ko: '석유제품', zh: '成品油' },
};

/** HS chapter titles (HS 2022 nomenclature), by the two-digit chapter, for the chapters the built-in sectors use. */
export const HS_CHAPTERS: Record<string, Words> = {
  '12': {
    en: 'Oil seeds and oleaginous fruits; miscellaneous grains, seeds and fruit; industrial or medicinal plants; straw and fodder',
    ko: '채유용 종자와 과실, 각종 종자와 과실, 공업용·의약용 식물, 짚과 사료용 식물',
    zh: '含油子仁及果实；杂项子仁及果实；工业用或药用植物；稻草、秸秆及饲料',
  },
  '13': {
    en: 'Lac; gums, resins and other vegetable saps and extracts',
    ko: '락, 검·수지와 그 밖의 식물성 수액과 추출물',
    zh: '虫胶；树胶、树脂及其他植物液、汁',
  },
  '20': {
    en: 'Preparations of vegetables, fruit, nuts or other parts of plants',
    ko: '채소·과실·견과류나 식물의 그 밖의 부분의 조제품',
    zh: '蔬菜、水果、坚果或植物其他部分的制品',
  },
  '21': { en: 'Miscellaneous edible preparations', ko: '각종 조제 식료품', zh: '杂项食品' },
  '22': { en: 'Beverages, spirits and vinegar', ko: '음료·주류·식초', zh: '饮料、酒及醋' },
  '27': {
    en: 'Mineral fuels, mineral oils and products of their distillation; bituminous substances; mineral waxes',
    ko: '광물성 연료·광물유와 이들의 증류물, 역청물질, 광물성 왁스',
    zh: '矿物燃料、矿物油及其蒸馏产品；沥青物质；矿物蜡',
  },
  '29': { en: 'Organic chemicals', ko: '유기화학품', zh: '有机化学品' },
  '33': {
    en: 'Essential oils and resinoids; perfumery, cosmetic or toilet preparations',
    ko: '정유와 레지노이드, 조제향료와 화장품·화장용품',
    // The tariff writes 化妆盥洗品; 盥 is not in the bundled Chinese font (GB 2312 level 1), so 梳洗 says it.
    zh: '精油及香膏；芳香料制品及化妆、梳洗用品',
  },
  '38': { en: 'Miscellaneous chemical products', ko: '각종 화학공업 생산품', zh: '杂项化学产品' },
  '39': { en: 'Plastics and articles thereof', ko: '플라스틱과 그 제품', zh: '塑料及其制品' },
  '68': {
    en: 'Articles of stone, plaster, cement, asbestos, mica or similar materials',
    ko: '돌·플라스터·시멘트·석면·운모나 이와 유사한 재료의 제품',
    zh: '石料、石膏、水泥、石棉、云母及类似材料的制品',
  },
  '72': { en: 'Iron and steel', ko: '철강', zh: '钢铁' },
  '84': {
    en: 'Nuclear reactors, boilers, machinery and mechanical appliances; parts thereof',
    ko: '원자로·보일러·기계류와 이들의 부분품',
    zh: '核反应堆、锅炉、机器、机械器具及其零件',
  },
  '85': {
    en: 'Electrical machinery and equipment and parts thereof; sound recorders and reproducers, television image and sound recorders and reproducers, and parts and accessories of such articles',
    ko: '전기기기와 그 부분품, 녹음기·음성 재생기·텔레비전의 영상과 음성의 기록기·재생기와 이들의 부분품·부속품',
    zh: '电机、电气设备及其零件；录音机及放声机、电视图像、声音的录制和重放设备及其零件、附件',
  },
  '87': {
    en: 'Vehicles other than railway or tramway rolling stock, and parts and accessories thereof',
    ko: '철도용이나 궤도용 외의 차량과 그 부분품·부속품',
    zh: '车辆及其零件、附件，但铁道及电车道车辆除外',
  },
  '89': { en: 'Ships, boats and floating structures', ko: '선박과 수상 구조물', zh: '船舶及浮动结构体' },
  '90': {
    en: 'Optical, photographic, cinematographic, measuring, checking, precision, medical or surgical instruments and apparatus; parts and accessories thereof',
    ko: '광학기기·사진용 기기·영화용 기기·측정기기·검사기기·정밀기기·의료용 기기, 이들의 부분품과 부속품',
    zh: '光学、照相、电影、计量、检验、医疗或外科用仪器及设备、精密仪器及设备；上述物品的零件、附件',
  },
};

/** The pack key of a built-in sector's row id, or undefined for a sector the user or an import made. */
function builtInKey(id: string): string | undefined {
  const colon = id.indexOf(':');
  if (colon < 0 || !BUILT_IN_PACKS.includes(id.slice(0, colon))) return undefined;
  const key = id.slice(colon + 1);
  return key in SECTOR_NAMES ? key : undefined;
}

/** A sector's name in `language`: a built-in sector's translation while it keeps the pack's name, else as stored. */
export function sectorNameIn(id: string, stored: string, language: Language): string {
  const key = builtInKey(id);
  const words = key === undefined ? undefined : SECTOR_NAMES[key];
  return words && words.en.toLowerCase() === stored.trim().toLowerCase() ? words[language] : stored;
}

/** The name of a sector that stands for several rows of one name (one per pack): the first built-in row's translation. */
export function sectorGroupNameIn(ids: readonly string[], stored: string, language: Language): string {
  for (const id of ids) {
    const name = sectorNameIn(id, stored, language);
    if (name !== stored) return name;
  }
  return stored;
}

/** The title of the HS chapter a code (2 to 10 digits) belongs to, in `language`, if this file has it. */
export function hsChapterIn(code: string, language: Language): string | undefined {
  return HS_CHAPTERS[code.slice(0, 2)]?.[language];
}
