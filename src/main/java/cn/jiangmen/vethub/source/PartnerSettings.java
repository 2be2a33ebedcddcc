package cn.jiangmen.vethub.source;

import jakarta.validation.constraints.NotBlank;

/**
 * The agreed file format of one hospital or insurer partner.
 *
 * @param target the fact table its rows load into: medical_service, insurance_policy or insurance_claim
 */
public record PartnerSettings(@NotBlank String target) {

}
