// qrcode-terminal 0.12 ships no types; only the call the WhatsApp login uses is declared.
declare module "qrcode-terminal" {
  interface GenerateOptions {
    small?: boolean;
  }
  const qrcodeTerminal: {
    generate(input: string, options: GenerateOptions, callback: (output: string) => void): void;
  };
  export default qrcodeTerminal;
}
