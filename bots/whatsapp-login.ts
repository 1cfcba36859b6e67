// Showing the login to the operator: the QR code in the terminal and as a PNG (for headless servers
// reached over SSH), or the pairing code when WHATSAPP_PAIRING_NUMBER is set.
import { rmSync } from "node:fs";
import path from "node:path";
import QRCode from "qrcode";
import qrcodeTerminal from "qrcode-terminal";

export function qrImagePath(dataDir: string): string {
  return path.join(dataDir, "whatsapp-qr.png");
}

export function renderQrForTerminal(qr: string): string {
  let rendered = "";
  // generate() calls back synchronously.
  qrcodeTerminal.generate(qr, { small: true }, (output) => {
    rendered = output;
  });
  return rendered;
}

export async function writeQrImage(qr: string, dataDir: string): Promise<string> {
  const file = qrImagePath(dataDir);
  await QRCode.toFile(file, qr, { type: "png", margin: 2, scale: 8 });
  return file;
}

/** After login the old QR is useless, and leaving it around suggests something is still pending. */
export function removeQrImage(dataDir: string): void {
  rmSync(qrImagePath(dataDir), { force: true });
}

export function qrInstructions(pngPath: string): string {
  return (
    "Pindai kode QR ini dari WhatsApp di ponsel: Setelan > Perangkat tertaut > Tautkan perangkat.\n" +
    `(Scan with WhatsApp > Linked devices > Link a device. PNG: ${pngPath})`
  );
}

export function pairingInstructions(code: string): string {
  return (
    `Kode penautan WhatsApp: ${code}\n` +
    "Di ponsel: Setelan > Perangkat tertaut > Tautkan perangkat > Tautkan dengan nomor telepon, lalu masukkan kode ini.\n" +
    "(Pairing code: WhatsApp > Linked devices > Link with phone number instead.)"
  );
}
