package cn.jiangmen.vethub;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Entry point of the hub: Spring Boot with Camel routes loaded from
 * {@code routes/*.camel.yaml}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class VethubApplication {

	public static void main(String[] args) {
		SpringApplication.run(VethubApplication.class, args);
	}

}
