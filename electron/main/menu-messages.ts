/**
 * The native menu's words in each interface language (the menu is drawn by main, before and apart from the page's
 * catalogues). Roles (Edit, Window, zoom…) are labelled by Electron itself.
 */
import type { Language } from '../../db/common/languages.ts';

export interface MenuMessages {
  file: string;
  openDatabase: string;
  openRecent: string;
  noRecent: string;
  saveCopyAs: string;
  restoreBackup: string;
  importFile: string;
  printToPdf: string;
  view: string;
  language: string;
  about: (name: string) => string;
  aboutTitle: string;
  aboutDetail: string;
}

export const MENU_MESSAGES: Record<Language, MenuMessages> = {
  en: {
    file: '&File',
    openDatabase: 'Open Database…',
    openRecent: 'Open Recent',
    noRecent: 'No recent databases',
    saveCopyAs: 'Save a Copy As…',
    restoreBackup: 'Restore from Backup…',
    importFile: 'Import…',
    printToPdf: 'Print to PDF…',
    view: '&View',
    language: 'Language',
    about: (name) => `About ${name}`,
    aboutTitle: 'About Tradebrief',
    aboutDetail: 'Offline trade briefings, every figure with its source.',
  },
  ko: {
    file: '파일(&F)',
    openDatabase: '데이터베이스 열기…',
    openRecent: '최근 파일 열기',
    noRecent: '최근 데이터베이스 없음',
    saveCopyAs: '사본으로 저장…',
    restoreBackup: '백업에서 복원…',
    importFile: '가져오기…',
    printToPdf: 'PDF로 인쇄…',
    view: '보기(&V)',
    language: '언어',
    about: (name) => `${name} 정보`,
    aboutTitle: 'Tradebrief 정보',
    aboutDetail: '오프라인 무역 브리핑, 모든 수치에 출처를 붙여.',
  },
  zh: {
    file: '文件(&F)',
    openDatabase: '打开数据库…',
    openRecent: '最近打开',
    noRecent: '没有最近的数据库',
    saveCopyAs: '另存副本…',
    restoreBackup: '从备份恢复…',
    importFile: '导入…',
    printToPdf: '打印为 PDF…',
    view: '视图(&V)',
    language: '语言',
    about: (name) => `关于 ${name}`,
    aboutTitle: '关于 Tradebrief',
    aboutDetail: '离线贸易简报，每个数字都附有来源。',
  },
};
