package io.strata.core.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AccessModelTest {

  private static RoleGrant role(
      String name, Map<String, DatasetGrant> datasets, List<String> exports) {
    return new RoleGrant(name, "", false, List.of(), datasets, List.of(), exports);
  }

  @Test
  void refusesRoleNameThatCannotNameAnIamRoleOrRoute() {
    assertThatThrownBy(() -> role("Data Scientist", Map.of(), List.of()))
        .isInstanceOf(AccessPolicyException.class)
        .hasMessage(
            "Cannot create role Data Scientist: name must match [a-z][a-z0-9]*(-[a-z0-9]+)*");
  }

  @ParameterizedTest
  @ValueSource(strings = {"data-", "-data", "data--scientist", "2fa", "data_scientist"})
  void refusesRoleNameWithAStrayHyphenOrCharacter(String name) {
    assertThatThrownBy(() -> role(name, Map.of(), List.of()))
        .isInstanceOf(AccessPolicyException.class)
        .hasMessage("Cannot create role " + name + ": name must match [a-z][a-z0-9]*(-[a-z0-9]+)*");
  }

  @ParameterizedTest
  @ValueSource(strings = {"analyst", "data-scientist", "ops2", "team-a-1"})
  void acceptsRoleNamesOfHyphenJoinedWords(String name) {
    assertThat(role(name, Map.of(), List.of()).name()).isEqualTo(name);
  }

  @Test
  void refusesAdminThatAlsoListsGrants() {
    assertThatThrownBy(
            () ->
                new RoleGrant("ops", "", true, List.of(), Map.of(), List.of("monthly"), List.of()))
        .isInstanceOf(AccessPolicyException.class)
        .hasMessage(
            "Cannot create role ops: an admin role may do everything and lists no datasets,"
                + " reports or exports");
  }

  @Test
  void refusesExportOfADatasetTheRoleCannotSee() {
    assertThatThrownBy(() -> role("analyst", Map.of(), List.of("telecom_usage")))
        .isInstanceOf(AccessPolicyException.class)
        .hasMessage(
            "Cannot create role analyst: cannot export dataset telecom_usage, which the role"
                + " cannot see");
  }

  @Test
  void refusesGrantFiledUnderAnotherDataset() {
    assertThatThrownBy(
            () ->
                role(
                    "analyst",
                    Map.of("telecom_usage", DatasetGrant.unrestricted("bank_transactions")),
                    List.of()))
        .isInstanceOf(AccessPolicyException.class)
        .hasMessage(
            "Cannot create role analyst: grant of dataset bank_transactions is filed under"
                + " telecom_usage");
  }

  @Test
  void refusesPrincipalThatIsNoIamArn() {
    assertThatThrownBy(
            () ->
                new RoleGrant(
                    "analyst",
                    "",
                    false,
                    List.of("arn:aws:s3:::bucket"),
                    Map.of(),
                    List.of(),
                    List.of()))
        .isInstanceOf(AccessPolicyException.class)
        .hasMessage(
            "Cannot create role analyst: principal 'arn:aws:s3:::bucket' is not an IAM role or"
                + " user ARN");
  }

  @Test
  void refusesColumnBothHiddenAndMasked() {
    assertThatThrownBy(
            () -> new DatasetGrant("telecom_usage", List.of("bytes"), List.of("bytes"), null))
        .isInstanceOf(AccessPolicyException.class)
        .hasMessage(
            "Cannot create grant on dataset telecom_usage: column bytes cannot be both hidden and"
                + " masked");
  }

  @Test
  void tellsWhichColumnsAGrantShowsAndMasks() {
    DatasetGrant grant =
        new DatasetGrant(
            "bank_transactions",
            List.of("counterparty"),
            List.of("account_iban"),
            RowFilter.of("currency", FilterOperator.EQUAL, "EUR"));

    assertThat(grant.shows("counterparty")).isFalse();
    assertThat(grant.shows("account_iban")).isTrue();
    assertThat(grant.masks("account_iban")).isTrue();
    assertThat(grant.masks("amount")).isFalse();
    assertThat(grant.filtersRows()).isTrue();
    assertThat(DatasetGrant.unrestricted("bank_transactions").filtersRows()).isFalse();
  }

  @Test
  void refusesRowFilterWithWrongNumberOfValues() {
    assertThatThrownBy(() -> new RowFilter("currency", FilterOperator.EQUAL, List.of("A", "B")))
        .isInstanceOf(AccessPolicyException.class)
        .hasMessage("Cannot create row filter on currency: '=' needs exactly one value, got 2");
    assertThatThrownBy(() -> new RowFilter("currency", FilterOperator.IN, List.of()))
        .isInstanceOf(AccessPolicyException.class)
        .hasMessage("Cannot create row filter on currency: 'in' needs at least one value");
  }

  @Test
  void refusesRowFilterValueThatCannotBeBound() {
    assertThatThrownBy(() -> RowFilter.of("booking_date", FilterOperator.LESS, new Object()))
        .isInstanceOf(AccessPolicyException.class)
        .hasMessage("Cannot create row filter on booking_date: unsupported value type Object");
    assertThat(RowFilter.of("booking_date", FilterOperator.LESS, LocalDate.EPOCH).values())
        .containsExactly(LocalDate.EPOCH);
  }

  @Test
  void refusesRowFilterOnAColumnNameThatIsNoIdentifier() {
    assertThatThrownBy(() -> RowFilter.of("a; DROP TABLE x", FilterOperator.EQUAL, "1"))
        .isInstanceOf(AccessPolicyException.class)
        .hasMessage(
            "Cannot create row filter on a; DROP TABLE x: column must be lower snake case"
                + " ([a-z][a-z0-9_]*)");
  }

  @Test
  void refusesPolicyWherePrincipalHoldsTwoRoles() {
    String arn = "arn:aws:iam::123456789012:role/X";
    RoleGrant a = new RoleGrant("a", "", false, List.of(arn), Map.of(), List.of(), List.of());
    RoleGrant b = RoleGrant.admin("b", "", List.of(arn));

    assertThatThrownBy(() -> new AccessPolicy(Map.of("a", a, "b", b)))
        .isInstanceOf(AccessPolicyException.class)
        .hasMessageStartingWith("Cannot create access policy: principal " + arn + " holds both");
  }

  @Test
  void parsesOperatorsOnlyFromTheirFixedSymbols() {
    assertThat(FilterOperator.fromSymbol("not in")).contains(FilterOperator.NOT_IN);
    assertThat(FilterOperator.fromSymbol("<=")).contains(FilterOperator.LESS_OR_EQUAL);
    assertThat(FilterOperator.fromSymbol("IN")).isEmpty();
    assertThat(FilterOperator.fromSymbol("like")).isEmpty();
  }
}
