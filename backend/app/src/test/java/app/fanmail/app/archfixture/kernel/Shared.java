package app.fanmail.app.archfixture.kernel;

/** Architecture fixture: used by every module, allowed. */
public class Shared {

}
