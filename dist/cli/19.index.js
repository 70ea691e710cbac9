export const id = 19;
export const ids = [19];
export const modules = {

/***/ 89019:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ArtifactServiceUnavailableError: () => (/* binding */ ArtifactServiceUnavailableError),
/* harmony export */   uploadBackupArtifact: () => (/* binding */ uploadBackupArtifact)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _actions_artifact__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(17741);
/* harmony import */ var _settings_input_error_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(35794);
/* harmony import */ var _util_format_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(32693);
/* harmony import */ var _util_walk_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(55215);






/**
 * The artifact service is out of reach: the process does not run as a JavaScript step on a
 * GitHub Actions runner. The caller decides whether that fails the run or is a warning.
 * Its name stays 'Error' so the one-line failure shows only the message.
 */
class ArtifactServiceUnavailableError extends Error {
}
/** Uploads every file under `folder` as one artifact of this workflow run, paths kept. */
async function uploadBackupArtifact(folder, options, runner, logger, client = new _actions_artifact__WEBPACK_IMPORTED_MODULE_2__/* .DefaultArtifactClient */ .t9()) {
    const root = node_path__WEBPACK_IMPORTED_MODULE_1__.resolve(folder);
    assertArtifactService(root);
    const files = await backupFiles(root);
    // The client would refuse too, but with a message that does not say which folder was empty.
    if (files.length === 0)
        throw new Error(`The backup folder '${root}' holds no files to upload as an artifact.`);
    const bytes = files.reduce((sum, file) => sum + file.size, 0);
    if (options.overwrite)
        await deleteEarlierArtifact(client, options.name, logger);
    logger.info(`Uploading ${files.length} files (${(0,_util_format_js__WEBPACK_IMPORTED_MODULE_5__/* .formatBytes */ .z)(bytes)}) from '${root}' as artifact '${options.name}'`);
    const uploaded = await client
        .uploadArtifact(options.name, files.map((file) => file.path), root, { retentionDays: options.retentionDays, compressionLevel: options.compressionLevel })
        .catch((error) => {
        throw explainUploadFailure(error, options.name);
    });
    // Both are always set by @actions/artifact 6 after a finalized upload; its types leave them optional.
    if (uploaded.id === undefined || !uploaded.digest) {
        throw new Error(`The artifact service accepted '${options.name}' but returned no artifact id or digest.`);
    }
    const upload = {
        name: options.name,
        id: uploaded.id,
        url: `${runner.serverUrl}/${runner.repository}/actions/runs/${runner.runId}/artifacts/${uploaded.id}`,
        digest: uploaded.digest,
        size: uploaded.size ?? 0,
    };
    logger.info(`Uploaded artifact '${upload.name}': ${files.length} files, ${(0,_util_format_js__WEBPACK_IMPORTED_MODULE_5__/* .formatBytes */ .z)(bytes)} zipped to ` +
        `${(0,_util_format_js__WEBPACK_IMPORTED_MODULE_5__/* .formatBytes */ .z)(upload.size)} (id ${upload.id}, sha256 ${upload.digest})`);
    return upload;
}
/**
 * The client reads both variables only when it sends its first request, and then fails with
 * "Unable to get the ACTIONS_RUNTIME_TOKEN env variable", which does not say what to do.
 */
function assertArtifactService(root) {
    if (process.env.ACTIONS_RUNTIME_TOKEN && process.env.ACTIONS_RESULTS_URL)
        return;
    throw new ArtifactServiceUnavailableError('The artifact destination needs the GitHub Actions runner (ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL ' +
        "are set only for an action's own steps, not for 'run:' commands or outside Actions), so nothing was " +
        `uploaded. The backup stays in '${root}'.`);
}
/** Missing is fine: overwrite means "whatever is there, replace it". */
async function deleteEarlierArtifact(client, name, logger) {
    try {
        const { id } = await client.deleteArtifact(name);
        logger.info(`Deleted the earlier artifact '${name}' (id ${id}) of this run, to replace it`);
    }
    catch (error) {
        // A 404 from DeleteArtifact means it went between the listing and the delete.
        if (error instanceof _actions_artifact__WEBPACK_IMPORTED_MODULE_2__/* .ArtifactNotFoundError */ .CL || /\(404\)/.test(String(error)))
            return;
        throw error;
    }
}
/** The service answers a taken name with HTTP 409, which the client passes on as a bare message. */
function explainUploadFailure(error, name) {
    const message = error instanceof Error ? error.message : String(error);
    if (!/CreateArtifact/.test(message) || !/\(409\)/.test(message))
        return error;
    return new _settings_input_error_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .d(`An artifact named '${name}' already exists in this workflow run. Set 'overwrite: true' to replace it, ` +
        "or give this backup another 'artifact-name'.");
}
/** Every file of the backup with its size; a backup holds no links, so only regular files count. */
async function backupFiles(root) {
    const files = [];
    // One at a time: a backup can hold thousands of images, and a stat is quick.
    for (const relative of await (0,_util_walk_js__WEBPACK_IMPORTED_MODULE_4__/* .listFiles */ .C)(root)) {
        const file = node_path__WEBPACK_IMPORTED_MODULE_1__.join(root, relative);
        files.push({ path: file, size: (await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.stat)(file)).size });
    }
    return files;
}


/***/ })

};
