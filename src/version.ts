/** The tool's version, recorded in every manifest and sent as the User-Agent. Kept equal to package.json by a test. */
export const TOOL_NAME = 'ghost-backup-action'
export const TOOL_VERSION = '1.0.0'
