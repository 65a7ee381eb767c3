import { promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { LocketError } from '../errors';
import { isSplit, type ExportRequest } from './export-request';
import { STAGING_MARKER } from './staging-folder';

/** Where an export's files end up, and where they are written until they are complete. */
export interface OutputPlan {
  /** The bag folder, the .zip, or (split) the folder holding the parts. */
  finalPath: string;
  /** Base name of the bag(s): the folder name, and the top folder inside a zip. */
  baseName: string;
  isSplit: boolean;
}

export function planOutput(request: ExportRequest): OutputPlan {
  const split = isSplit(request);
  const isZip = request.format === 'zip' && !split;
  const finalPath = isZip && !/\.zip$/i.test(request.outputPath) ? `${request.outputPath}.zip` : request.outputPath;
  const baseName = basename(finalPath).replace(/\.zip$/i, '') || 'evidence';
  return { finalPath, baseName, isSplit: split };
}

/** The name of part `n` inside the split folder: `<base>-part-001`. */
export function partName(plan: OutputPlan, part: number): string {
  return plan.isSplit ? `${plan.baseName}-part-${String(part).padStart(3, '0')}` : plan.baseName;
}

/**
 * A hidden folder beside the destination, on the same file system, so finishing is a rename: a cancelled or
 * failed export leaves nothing behind but this folder, which is removed.
 */
export async function createStaging(plan: OutputPlan): Promise<string> {
  if (await exists(plan.finalPath)) {
    throw new LocketError(
      'invalid-argument',
      `${plan.finalPath} already exists. Choose a new name: an export never replaces files.`,
      { path: plan.finalPath },
    );
  }
  const parent = dirname(plan.finalPath);
  await fs.mkdir(parent, { recursive: true });
  return fs.mkdtemp(join(parent, `.${plan.baseName}${STAGING_MARKER}`));
}

export async function exists(path: string): Promise<boolean> {
  return fs.lstat(path).then(
    () => true,
    () => false,
  );
}
