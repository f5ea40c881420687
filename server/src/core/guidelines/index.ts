/**
 * Guideline knowledge (ACOEM chapters, MTUS parts, ODG chapters) and the
 * body-region classifier for disputed item titles. Pure TypeScript: no Node,
 * DOM or LSP imports, so it runs in the browser worker too.
 */
export type { Region, RegionInfo, RegionMatch } from './regions';
export { REGIONS, regionInfo, regionLabel, isRegion, regionsOfTitle, regionsIn, regionsInText, regionFits, chapterFitsRegions } from './regions';

export type { AcoemChapter, PageSpan } from './acoem';
export { ACOEM_CHAPTERS, acoemChapter, acoemChapterByTitle, acoemTitleMatches, acoemChapterOfPage } from './acoem';

export type { MtusPart, MtusPartMention } from './mtus';
export { MTUS_PARTS, mtusPartById, mtusPartByName, findMtusParts, postsurgicalRegions } from './mtus';

export type { OdgChapter, OdgChapterMention } from './odg';
export { ODG_CHAPTERS, odgChapterById, odgChapterByName, findOdgChapters, mentionsOdg } from './odg';

export type { CitationLike, ChapterInfo, GuidelineFamily, CitationFit } from './classify';
export {
  classifyCitation,
  chaptersOfCitation,
  acoemChapterInfo,
  mtusPartInfo,
  odgChapterInfo,
  citesGeneralTopic,
  titleFitsChapter,
  citationFit,
} from './classify';
