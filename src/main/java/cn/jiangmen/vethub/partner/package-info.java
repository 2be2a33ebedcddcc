/**
 * Partner feeds: files from hospitals and insurers, each partner described by
 * configuration only ({@code source.partner} in {@code config/sources/<id>.yml}), read
 * with the shared readers and normalizers, linked to persons by ID number only and
 * loaded, keyed, into {@code dw.medical_service}, {@code dw.insurance_policy} and
 * {@code dw.insurance_claim}.
 */
package cn.jiangmen.vethub.partner;
