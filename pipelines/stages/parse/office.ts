// Word processors' other formats: RTF and ODT are converted to HTML by LibreOffice headless (where it is
// installed: Debian libreoffice-writer-nogui), so tables keep their grid through the HTML reader; MHT (a
// "single file web page", also sent as .doc) is a MIME archive whose HTML part postal-mime decodes.
import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import PostalMime from "postal-mime";
import { ParseError } from "./errors.ts";

const run = promisify(execFile);

const OFFICE_PACKAGE = "libreoffice-writer-nogui";

/** LibreOffice's HTML export of an RTF or ODT document, as UTF-8 bytes. */
export async function officeHtml(bytes: Uint8Array, format: "rtf" | "odt"): Promise<Uint8Array> {
  const dir = await mkdtemp(join(tmpdir(), "govkpi-office-"));
  try {
    const input = join(dir, `in.${format}`);
    await writeFile(input, bytes);
    try {
      await run(
        "soffice",
        [`-env:UserInstallation=file://${dir}/profile`, "--headless", "--convert-to", "html:HTML (StarWriter)", "--outdir", join(dir, "out"), input],
        { timeout: 120_000 },
      );
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      if (e.code === "ENOENT")
        throw new ParseError(`${format.toUpperCase()} needs LibreOffice to read, and soffice is not installed (Debian: ${OFFICE_PACKAGE})`);
      throw new ParseError(`LibreOffice could not convert this ${format.toUpperCase()} file: ${e.message.split("\n")[0]}`);
    }
    const [html] = await readdir(join(dir, "out")).catch(() => []);
    if (!html) throw new ParseError(`LibreOffice could not convert this ${format.toUpperCase()} file`);
    return await readFile(join(dir, "out", html));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The HTML part of an MHT archive, decoded from its transfer encoding and charset, as UTF-8 bytes. */
export async function mhtHtml(bytes: Uint8Array): Promise<Uint8Array> {
  const archive = await PostalMime.parse(bytes).catch((err: Error) => {
    throw new ParseError(`not a readable MHT archive: ${err.message}`);
  });
  if (!archive.html) throw new ParseError("MHT archive without an HTML part");
  return Buffer.from(archive.html, "utf8");
}
