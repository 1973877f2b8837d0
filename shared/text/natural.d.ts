// Types for the `natural` submodules shared/text imports (natural types only its index).
declare module 'natural/lib/natural/stemmers/*.js' {
  const stemmer: { stem(word: string): string };
  export default stemmer;
}
