package dev.forecourt.platform.problem;

/** The use case needs a signed-in caller, and there is none (or no longer one). */
public class SignInRequired extends ProblemException {

  public SignInRequired() {
    this("Sign in to do this");
  }

  public SignInRequired(String detail) {
    super(ProblemType.UNAUTHENTICATED, detail);
  }
}
