package dev.forecourt.sales.application;

import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.problem.ProblemType;

/** The test drive to cancel is cancelled already. */
public class TestDriveAlreadyCancelled extends ProblemException {

  public TestDriveAlreadyCancelled(long id) {
    super(ProblemType.CONFLICT, "Test drive " + id + " is already cancelled");
  }
}
