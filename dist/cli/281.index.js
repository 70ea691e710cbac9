export const id = 281;
export const ids = [281];
export const modules = {

/***/ 33281:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  ArtifactServiceUnavailableError: () => (/* binding */ ArtifactServiceUnavailableError),
  uploadBackupArtifact: () => (/* binding */ uploadBackupArtifact)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./node_modules/@actions/artifact/lib/artifact.js + 316 modules
var artifact = __webpack_require__(17741);
// EXTERNAL MODULE: ./src/settings/input-error.ts
var input_error = __webpack_require__(35794);
;// CONCATENATED MODULE: ./src/util/format.ts
/** 1536 -> "1.5 KiB", for logs and summaries. */
function formatBytes(bytes) {
    if (bytes < 1024)
        return `${bytes} B`;
    const units = ['KiB', 'MiB', 'GiB', 'TiB'];
    let value = bytes / 1024;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
        value /= 1024;
        unit++;
    }
    return `${value.toFixed(1)} ${units[unit]}`;
}

// EXTERNAL MODULE: ./src/util/walk.ts
var walk = __webpack_require__(55215);
;// CONCATENATED MODULE: ./src/destinations/artifact.ts






/**
 * The artifact service is out of reach: the process does not run as a JavaScript step on a
 * GitHub Actions runner. The caller decides whether that fails the run or is a warning.
 * Its name stays 'Error' so the one-line failure shows only the message.
 */
class ArtifactServiceUnavailableError extends Error {
}
/** Uploads every file under `folder` as one artifact of this workflow run, paths kept. */
async function uploadBackupArtifact(folder, options, runner, logger, client = new artifact/* DefaultArtifactClient */.t9()) {
    const root = external_node_path_.resolve(folder);
    assertArtifactService(root);
    const files = await backupFiles(root);
    // The client would refuse too, but with a message that does not say which folder was empty.
    if (files.length === 0)
        throw new Error(`The backup folder '${root}' holds no files to upload as an artifact.`);
    const bytes = files.reduce((sum, file) => sum + file.size, 0);
    if (options.overwrite)
        await deleteEarlierArtifact(client, options.name, logger);
    logger.info(`Uploading ${files.length} files (${formatBytes(bytes)}) from '${root}' as artifact '${options.name}'`);
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
    logger.info(`Uploaded artifact '${upload.name}': ${files.length} files, ${formatBytes(bytes)} zipped to ` +
        `${formatBytes(upload.size)} (id ${upload.id}, sha256 ${upload.digest})`);
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
        if (error instanceof artifact/* ArtifactNotFoundError */.CL || /\(404\)/.test(String(error)))
            return;
        throw error;
    }
}
/** The service answers a taken name with HTTP 409, which the client passes on as a bare message. */
function explainUploadFailure(error, name) {
    const message = error instanceof Error ? error.message : String(error);
    if (!/CreateArtifact/.test(message) || !/\(409\)/.test(message))
        return error;
    return new input_error/* InputError */.d(`An artifact named '${name}' already exists in this workflow run. Set 'overwrite: true' to replace it, ` +
        "or give this backup another 'artifact-name'.");
}
/** Every file of the backup with its size; a backup holds no links, so only regular files count. */
async function backupFiles(root) {
    const files = [];
    // One at a time: a backup can hold thousands of images, and a stat is quick.
    for (const relative of await (0,walk/* listFiles */.C)(root)) {
        const file = external_node_path_.join(root, relative);
        files.push({ path: file, size: (await (0,promises_.stat)(file)).size });
    }
    return files;
}


/***/ })

};
