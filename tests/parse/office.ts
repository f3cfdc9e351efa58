// Legacy .doc fixtures need LibreOffice (Debian: libreoffice-writer-nogui) to convert a generated DOCX.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const hasSoffice = spawnSync("soffice", ["--version"]).status === 0;

export function docxToDoc(docx: Uint8Array): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), "govkpi-doc-"));
  try {
    writeFileSync(join(dir, "report.docx"), docx);
    execFileSync("soffice", [`-env:UserInstallation=file://${dir}/profile`, "--headless", "--convert-to", "doc", "--outdir", dir, join(dir, "report.docx")], {
      stdio: "ignore",
    });
    return readFileSync(join(dir, "report.doc"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
