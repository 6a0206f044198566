/**
 * OCI's autoscaling cool-down (OCI-SPEC E): 300 s is both what a policy without one gets and the
 * least OCI accepts. Alarm actions that scale borrow it, so a shape or count change has the same
 * settling time whichever path made it.
 */
export const OCI_COOL_DOWN_SECONDS = 300;
