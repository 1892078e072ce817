/**
 * `dashcode preview`: dashboards drawn as static pages from real query
 * results, screenshots of them, and a live-reloading server. See docs/preview.md.
 */
export { previewPage, pageName, type PreviewPage, type PreviewPageOptions } from './page.js';
export { collectPreview, type CollectOptions } from './collect.js';
export { renderPage, type PageOptions } from './render/page.js';
export { renderIndex, type IndexEntry } from './index-page.js';
export { failedPanels, panelFrames, type DashboardPreview, type PanelPreview } from './model.js';
export { layoutDashboard, gridBox, pixelRect, GRID_COLUMNS, CELL_HEIGHT, CELL_MARGIN, type GridPos, type GridItem, type GridBox, type DashboardLayout } from './layout.js';
export { formatValue, formatParts, type FormattedParts } from './units/index.js';
export { thresholdColor, readThresholds, type Thresholds } from './colors.js';
export { openScreenshotter, BrowserUnavailableError, DEFAULT_CHROMIUM, SCREENSHOT_WIDTH, type Screenshotter, type ScreenshotOptions } from './screenshot.js';
export { startPreviewServer, type PreviewServer, type ServeOptions, type ServeEvent, type PreviewPages } from './serve.js';
