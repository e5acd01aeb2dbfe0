/** The pure domain core shared by the add-in and the pipeline. */
export * from './schema';
export * from './month';
export * from './values';
export * from './trajectory';
export * from './evaluate';
export * from './layout';
export * from './receipt';
