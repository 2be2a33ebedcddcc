package cn.jiangmen.vethub.province;

import java.time.Duration;

/**
 * Waits between attempts. The client waits through this seam so that tests can see (and
 * bound) every wait instead of sleeping through it.
 */
@FunctionalInterface
interface Sleeper {

	Sleeper REAL = (d) -> Thread.sleep(d.toMillis(), 0);

	void sleep(Duration duration) throws InterruptedException;

}
