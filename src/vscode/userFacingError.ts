// An error whose message is written for the person using the extension (it names the file and
// says what is kept): the commands' error boundary shows it as it is, once.
export class UserFacingError extends Error {
  override readonly name = 'UserFacingError';
}
