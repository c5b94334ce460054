/**
 * Main's words in each interface language: the native menu and the dialogs main shows (drawn apart from the page's
 * catalogues, and before the page exists). Roles (Edit, Window, zoom…) are labelled by Electron itself. The
 * language is the OS's at start, then the one chosen in View › Language (index.ts).
 */
import type { Language } from '../../db/common/languages.ts';

export interface MainMessages {
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
  importedPack: (id: string, version: string) => string;
  packUnchanged: string;
  importFailed: string;
  importTitle: string;
  nothingToPrint: string;
  nothingToPrintDetail: string;
  printTitle: string;
  savedPdf: (title: string) => string;
  open: string;
  close: string;
  cancel: string;
  pdfNotOpened: string;
  printFailed: string;
  noBackups: string;
  backupsWhere: (dir: string) => string;
  restoreTitle: string;
  notABackup: (name: string) => string;
  chooseIn: (dir: string) => string;
  replaceWithBackup: (file: string) => string;
  replaceDetail: string;
  restore: string;
  notRestored: string;
  cannotOpen: string;
  nothingChanged: string;
  lastBackup: (name: string) => string;
  restoreLast: string;
  couldNotRestore: string;
  restoredUnopenable: string;
  ownDatabaseUnopenable: string;
  failedToStart: string;
  openDatabaseTitle: string;
  saveCopyTitle: string;
  savePngTitle: string;
  copyNotSaved: string;
  copySaved: string;
  openTradeDataTitle: string;
  openPackTitle: string;
  saveCsvTitle: string;
  saveXlsxTitle: string;
  saveZipTitle: string;
  savePackTitle: string;
  filterTradeData: string;
  filterPack: string;
  filterTradeOrPack: string;
  filterAllFiles: string;
  filterCsv: string;
  filterXlsx: string;
  filterZip: string;
  filterPdf: string;
  filterPng: string;
  filterDatabase: string;
  filterBackup: string;
  ok: string;
  printed: (title: string, out: string, bytes: string) => string;
  printingFailed: (reason: string) => string;
}

/** A message of main's that is plain text (not a function of values). */
export type MainText = { [K in keyof MainMessages]: MainMessages[K] extends string ? K : never }[keyof MainMessages];

export const MAIN_MESSAGES: Record<Language, MainMessages> = {
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
    importedPack: (id, version) => `Imported briefing pack ${id} ${version}.`,
    packUnchanged: 'This pack was already loaded: nothing changed.',
    importFailed: 'Import failed: nothing was changed',
    importTitle: 'Import trade data or a briefing pack',
    nothingToPrint: 'Nothing to print here.',
    nothingToPrintDetail: 'Open a briefing or a dashboard, then print it.',
    printTitle: 'Print to PDF',
    savedPdf: (title) => `Saved “${title}” as a PDF.`,
    open: 'Open',
    close: 'Close',
    cancel: 'Cancel',
    pdfNotOpened: 'The PDF was saved but could not be opened',
    printFailed: 'Printing failed: no PDF was written',
    noBackups: 'This database has no backups yet.',
    backupsWhere: (dir) => `Backups are made before each upgrade and each import, in ${dir}.`,
    restoreTitle: 'Restore from backup',
    notABackup: (name) => `“${name}” is not one of this database's backups.`,
    chooseIn: (dir) => `Choose a file in ${dir}.`,
    replaceWithBackup: (file) => `Replace the open database with the backup “${file}”?`,
    replaceDetail: 'The current content is backed up first, so this can be undone the same way.',
    restore: 'Restore',
    notRestored: 'The backup was not restored',
    cannotOpen: 'This file cannot be opened',
    nothingChanged: 'Nothing was changed: the database open before stays open.',
    lastBackup: (name) => `Its last backup is ${name}. Restore it into a new file beside the damaged one?`,
    restoreLast: 'Restore last backup',
    couldNotRestore: 'The backup could not be restored',
    restoredUnopenable: 'The restored backup cannot be opened either',
    ownDatabaseUnopenable: 'Tradebrief cannot open its database',
    failedToStart: 'Tradebrief failed to start',
    openDatabaseTitle: 'Open Tradebrief database',
    saveCopyTitle: 'Save a copy of the database',
    savePngTitle: 'Save the chart as a PNG image',
    copyNotSaved: 'The copy was not saved',
    copySaved: 'A copy of the database was saved.',
    openTradeDataTitle: 'Import trade data',
    openPackTitle: 'Load a briefing pack',
    saveCsvTitle: 'Export as CSV',
    saveXlsxTitle: 'Export as Excel workbook',
    saveZipTitle: 'Export data (CSV files in a ZIP)',
    savePackTitle: 'Export a briefing pack',
    filterTradeData: 'Trade data (CSV or Excel workbook)',
    filterPack: 'Tradebrief briefing pack',
    filterTradeOrPack: 'Trade data or briefing pack',
    filterAllFiles: 'All files',
    filterCsv: 'CSV file',
    filterXlsx: 'Excel workbook',
    filterZip: 'ZIP archive of CSV files',
    filterPdf: 'PDF document',
    filterPng: 'PNG image',
    filterDatabase: 'Tradebrief database',
    filterBackup: 'Tradebrief backup',
    ok: 'OK',
    printed: (title, out, bytes) => `Printed “${title}” to ${out} (${bytes} bytes)`,
    printingFailed: (reason) => `Printing failed: ${reason}`,
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
    importedPack: (id, version) => `브리핑 팩 ${id} ${version}을(를) 가져왔습니다.`,
    packUnchanged: '이미 불러온 팩입니다. 바뀐 것은 없습니다.',
    importFailed: '가져오기 실패: 아무것도 바뀌지 않았습니다',
    importTitle: '무역 데이터 또는 브리핑 팩 가져오기',
    nothingToPrint: '여기에는 인쇄할 것이 없습니다.',
    nothingToPrintDetail: '브리핑이나 대시보드를 연 뒤 인쇄하십시오.',
    printTitle: 'PDF로 인쇄',
    savedPdf: (title) => `“${title}”을(를) PDF로 저장했습니다.`,
    open: '열기',
    close: '닫기',
    cancel: '취소',
    pdfNotOpened: 'PDF는 저장했지만 열 수 없습니다',
    printFailed: '인쇄 실패: PDF를 저장하지 않았습니다',
    noBackups: '이 데이터베이스에는 아직 백업이 없습니다.',
    backupsWhere: (dir) => `백업은 업그레이드와 가져오기 전마다 ${dir}에 만들어집니다.`,
    restoreTitle: '백업에서 복원',
    notABackup: (name) => `“${name}”은(는) 이 데이터베이스의 백업이 아닙니다.`,
    chooseIn: (dir) => `${dir}에 있는 파일을 고르십시오.`,
    replaceWithBackup: (file) => `열려 있는 데이터베이스를 백업 “${file}”(으)로 바꾸시겠습니까?`,
    replaceDetail: '현재 내용을 먼저 백업하므로 같은 방법으로 되돌릴 수 있습니다.',
    restore: '복원',
    notRestored: '백업을 복원하지 않았습니다',
    cannotOpen: '이 파일을 열 수 없습니다',
    nothingChanged: '아무것도 바뀌지 않았습니다. 이전에 열려 있던 데이터베이스가 그대로 열려 있습니다.',
    lastBackup: (name) => `마지막 백업은 ${name}입니다. 손상된 파일 옆의 새 파일로 복원하시겠습니까?`,
    restoreLast: '마지막 백업 복원',
    couldNotRestore: '백업을 복원할 수 없습니다',
    restoredUnopenable: '복원한 백업도 열 수 없습니다',
    ownDatabaseUnopenable: 'Tradebrief가 데이터베이스를 열 수 없습니다',
    failedToStart: 'Tradebrief를 시작하지 못했습니다',
    openDatabaseTitle: 'Tradebrief 데이터베이스 열기',
    saveCopyTitle: '데이터베이스 사본 저장',
    savePngTitle: '차트를 PNG 이미지로 저장',
    copyNotSaved: '사본을 저장하지 않았습니다',
    copySaved: '데이터베이스 사본을 저장했습니다.',
    openTradeDataTitle: '무역 데이터 가져오기',
    openPackTitle: '브리핑 팩 불러오기',
    saveCsvTitle: 'CSV로 내보내기',
    saveXlsxTitle: 'Excel 통합 문서로 내보내기',
    saveZipTitle: '데이터 내보내기(ZIP에 담은 CSV 파일)',
    savePackTitle: '브리핑 팩 내보내기',
    filterTradeData: '무역 데이터(CSV 또는 Excel 통합 문서)',
    filterPack: 'Tradebrief 브리핑 팩',
    filterTradeOrPack: '무역 데이터 또는 브리핑 팩',
    filterAllFiles: '모든 파일',
    filterCsv: 'CSV 파일',
    filterXlsx: 'Excel 통합 문서',
    filterZip: 'CSV 파일 ZIP 압축 파일',
    filterPdf: 'PDF 문서',
    filterPng: 'PNG 이미지',
    filterDatabase: 'Tradebrief 데이터베이스',
    filterBackup: 'Tradebrief 백업',
    ok: '확인',
    printed: (title, out, bytes) => `“${title}”을(를) ${out}에 인쇄했습니다(${bytes}바이트)`,
    printingFailed: (reason) => `인쇄 실패: ${reason}`,
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
    importedPack: (id, version) => `已导入简报包 ${id} ${version}。`,
    packUnchanged: '此包已经载入，没有任何更改。',
    importFailed: '导入失败：没有任何更改',
    importTitle: '导入贸易数据或简报包',
    nothingToPrint: '此处没有可打印的内容。',
    nothingToPrintDetail: '请先打开一份简报或一个仪表板，再打印。',
    printTitle: '打印为 PDF',
    savedPdf: (title) => `已将“${title}”保存为 PDF。`,
    open: '打开',
    close: '关闭',
    cancel: '取消',
    pdfNotOpened: 'PDF 已保存，但无法打开',
    printFailed: '打印失败：未写入 PDF',
    noBackups: '此数据库尚无备份。',
    backupsWhere: (dir) => `每次升级和导入之前都会在 ${dir} 中备份。`,
    restoreTitle: '从备份恢复',
    notABackup: (name) => `“${name}”不是此数据库的备份。`,
    chooseIn: (dir) => `请选择 ${dir} 中的文件。`,
    replaceWithBackup: (file) => `用备份“${file}”替换当前打开的数据库？`,
    replaceDetail: '当前内容会先备份，因此可以用同样的方法撤销。',
    restore: '恢复',
    notRestored: '备份未恢复',
    cannotOpen: '无法打开此文件',
    nothingChanged: '没有任何更改：之前打开的数据库仍然打开。',
    lastBackup: (name) => `它的最后一个备份是 ${name}。要恢复到损坏文件旁边的新文件中吗？`,
    restoreLast: '恢复最后一个备份',
    couldNotRestore: '无法恢复备份',
    restoredUnopenable: '恢复的备份也无法打开',
    ownDatabaseUnopenable: 'Tradebrief 无法打开其数据库',
    failedToStart: 'Tradebrief 启动失败',
    openDatabaseTitle: '打开 Tradebrief 数据库',
    saveCopyTitle: '保存数据库副本',
    savePngTitle: '将图表保存为 PNG 图像',
    copyNotSaved: '副本未保存',
    copySaved: '数据库副本已保存。',
    openTradeDataTitle: '导入贸易数据',
    openPackTitle: '载入简报数据包',
    saveCsvTitle: '导出为 CSV',
    saveXlsxTitle: '导出为 Excel 工作簿',
    saveZipTitle: '导出数据（ZIP 中的 CSV 文件）',
    savePackTitle: '导出简报数据包',
    filterTradeData: '贸易数据（CSV 或 Excel 工作簿）',
    filterPack: 'Tradebrief 简报数据包',
    filterTradeOrPack: '贸易数据或简报数据包',
    filterAllFiles: '所有文件',
    filterCsv: 'CSV 文件',
    filterXlsx: 'Excel 工作簿',
    filterZip: 'CSV 文件的 ZIP 压缩包',
    filterPdf: 'PDF 文档',
    filterPng: 'PNG 图像',
    filterDatabase: 'Tradebrief 数据库',
    filterBackup: 'Tradebrief 备份',
    ok: '确定',
    printed: (title, out, bytes) => `已将“${title}”打印到 ${out}（${bytes} 字节）`,
    printingFailed: (reason) => `打印失败：${reason}`,
  },
};

let current: Language = 'en';

/** Main's words in its current language. */
export function words(): MainMessages {
  return MAIN_MESSAGES[current];
}

export function mainLanguage(): Language {
  return current;
}

export function setMainLanguage(language: Language): void {
  current = language;
}
