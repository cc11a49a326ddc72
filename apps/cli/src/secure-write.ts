import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { type FileHandle, lstat, open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from './errors.js';

/**
 * A fresh file only: fails if anything (a file, a planted link) already has the name, and never follows
 * a link. O_NOFOLLOW does not exist on Windows, where links need privileges to create.
 */
const createExclusive =
  constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);
const ownerOnly = 0o600;

/** The caller's uid; undefined where there are none (Windows). */
const myUid = process.getuid?.();

function refuse(path: string, problem: string): UsageError {
  return new UsageError(`--out ${path}: ${problem}`);
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

/** A name in the target's folder that nobody can have guessed and planted beforehand. */
function tempNameFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${randomBytes(8).toString('hex')}.tmp`);
}

/** Refuses what is at `path` now, if anything: only a regular file of the caller's may be replaced. */
async function checkExisting(path: string, target: string): Promise<void> {
  let existing: Awaited<ReturnType<typeof lstat>>;
  try {
    existing = await lstat(target);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return;
    if (errorCode(error) === 'ENOTDIR') throw refuse(path, `${dirname(target)} is not a folder.`);
    throw refuse(path, `cannot be inspected (${errorCode(error) ?? 'error'}). Choose another file.`);
  }
  if (existing.isSymbolicLink()) {
    throw refuse(
      path,
      'is a symbolic link, and the token is never written through a link (whoever made it chooses ' +
        'where the token lands). Remove the link or choose another file.',
    );
  }
  if (existing.isDirectory()) {
    throw refuse(path, `is a folder. Give a file name, e.g. --out ${join(path, 'verifik-token')}`);
  }
  if (!existing.isFile()) throw refuse(path, 'is not a regular file. Choose another file name.');
  if (myUid !== undefined && existing.uid !== myUid) {
    throw refuse(
      path,
      `belongs to another user (uid ${existing.uid}), who could read the token. Remove the file, ` +
        'or choose another name: the token is only written to a file of your own.',
    );
  }
}

/** The folder must exist and take a new file: proven by creating one, which no permission bit can fool. */
async function checkFolder(path: string, target: string): Promise<void> {
  const folder = dirname(target);
  try {
    if (!(await stat(folder)).isDirectory()) throw refuse(path, `${folder} is not a folder.`);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    if (errorCode(error) === 'ENOENT') {
      throw refuse(path, `the folder ${folder} does not exist. Create it first, or choose another file.`);
    }
    throw refuse(path, `${folder} is not a folder you can use (${errorCode(error) ?? 'error'}).`);
  }
  const probe = tempNameFor(target);
  try {
    await (await open(probe, createExclusive, ownerOnly)).close();
  } catch (error) {
    throw refuse(
      path,
      `cannot create a file in ${folder} (${errorCode(error) ?? 'error'}). Choose a folder you can write to.`,
    );
  }
  await unlink(probe);
}

/**
 * Checks, before the login, that the token can be written to `path` by {@link writeSecretFile}: it
 * names a file (not a folder), in an existing folder the caller can create files in, and is not a
 * symbolic link, a special file or a file of another user. Throws a {@link UsageError} saying what to
 * do otherwise, so a code is never spent on a token that would then be lost.
 */
export async function checkSecretFileTarget(path: string): Promise<void> {
  if (/[\\/]$/.test(path)) {
    throw refuse(path, `names a folder. Give a file name, e.g. --out ${join(path, 'verifik-token')}`);
  }
  const target = resolve(path);
  await checkExisting(path, target);
  await checkFolder(path, target);
}

/** Writes all of `content` to a file created just now, owned by the caller and readable by them alone. */
async function writeFresh(path: string, file: FileHandle, content: string): Promise<void> {
  // The mode given to open() is narrowed by the umask only; set it exactly.
  await file.chmod(ownerOnly);
  if (myUid !== undefined && (await file.stat()).uid !== myUid) {
    // E.g. a network share mapping the caller to another user: that user could read the token.
    throw refuse(path, 'the file system gives new files to another user, who could read the token.');
  }
  await file.writeFile(content, 'utf8');
  await file.sync();
}

/**
 * Writes a secret to `path`, readable and writable by the caller only (mode 0600), as git writes its
 * credential store and config: to a new file in the same folder (exclusive create, no-follow), renamed
 * over `path` once complete. So the secret never lands in a file someone else created, holds open or
 * points to with a link, and `path` holds either the old content or all of the new. Refuses (with a
 * {@link UsageError}) what {@link checkSecretFileTarget} refuses, checked again right before the
 * rename: the world may have changed while the person typed the code. A link planted after that check
 * is replaced by the rename, never followed.
 */
export async function writeSecretFile(path: string, content: string): Promise<void> {
  if (/[\\/]$/.test(path)) throw refuse(path, 'names a folder. Give a file name.');
  const target = resolve(path);
  const temp = tempNameFor(target);
  let file: FileHandle;
  try {
    file = await open(temp, createExclusive, ownerOnly);
  } catch (error) {
    throw refuse(path, `cannot create a file in ${dirname(target)} (${errorCode(error) ?? 'error'}).`);
  }
  let renamed = false;
  try {
    try {
      await writeFresh(path, file, content);
    } finally {
      await file.close();
    }
    await checkExisting(path, target);
    await rename(temp, target);
    renamed = true;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw refuse(path, `could not be written (${errorCode(error) ?? 'error'}).`);
  } finally {
    if (!renamed) await unlink(temp).catch(() => {});
  }
}
