/**
 * Fresh default objects shared in shape by several panel kinds. Factories,
 * never constants: each panel gets its own copy.
 */
export const legend = () => ({ calcs: [] as string[], displayMode: 'list', placement: 'bottom', showLegend: true });
export const tooltip = () => ({ mode: 'single', sort: 'none' });
export const reduceOptions = () => ({ calcs: ['lastNotNull'], fields: '', values: false });
