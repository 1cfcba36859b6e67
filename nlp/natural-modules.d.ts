// Types for the few natural submodules we import directly: `import natural from "natural"` loads every
// storage plugin (dotenv output, ~1 s, ~70 MB), so nlp/ imports only the files it needs.

declare module "natural/lib/natural/stemmers/indonesian/stemmer_id.js" {
  const stemmer: { stem(token: string): string };
  export default stemmer;
}

declare module "natural/lib/natural/tokenizers/aggressive_tokenizer_id.js" {
  export default class AggressiveTokenizerId {
    tokenize(text: string): string[];
  }
}
