/** Input the parse stage cannot turn into a report: the message becomes a dead letter with this reason. */
export class ParseError extends Error {
  override name = "ParseError";
}
