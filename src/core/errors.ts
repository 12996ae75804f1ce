/** An error whose message is written for the person who typed the command. */
export class UserFacingError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'UserFacingError';
  }
}

export const isUserFacing = (e: unknown): e is UserFacingError => e instanceof UserFacingError;
