package cn.jiangmen.vethub.province;

/**
 * The provincial API could not be read: retries spent, credentials refused, or an answer
 * the hub cannot use. The message names the request and the last error and never holds
 * the client secret.
 */
public class ProvinceApiException extends RuntimeException {

	ProvinceApiException(String message) {
		super(message);
	}

}
