/** The domain model shared by the core, the IPC contract, the CLI and the renderer. */
export * from './errors';
export * from './document';
export * from './settings';
export * from './job';
export * from './connection';
export * from './history';
export * from './cosign';
