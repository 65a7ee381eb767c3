/**
 * Types for benz-amr-recorder 1.1.5's `src/amrnb.js` (ships none for it): opencore-amr's AMR-NB codec built with
 * emscripten (asm.js), wrapped as the body of a Web Worker. Calling the function builds the codec and then
 * assigns `self.onmessage`; from then on `self.onmessage({ data })` runs one request synchronously and answers
 * through `self.postMessage`. `self` is looked up as a global at each of those moments.
 */
declare module 'benz-amr-recorder/src/amrnb.js' {
  const startAmrWorker: () => void;
  export default startAmrWorker;
}
