// fsync of a file or a folder by path: a folder's fsync makes the names created in it (renames, links) durable.
import { open } from "node:fs/promises";

export async function fsyncPath(path: string): Promise<void> {
  const handle = await open(path, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
