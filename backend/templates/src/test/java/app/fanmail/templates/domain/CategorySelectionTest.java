package app.fanmail.templates.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;

import org.junit.jupiter.api.Test;

import app.fanmail.kernel.graphql.UserError;

class CategorySelectionTest {
    record Tpl(String id, String title, String categoryId) {
    }

    private static final ServiceCategory SHOP = new ServiceCategory("616", "电商平台");
    private static final ServiceCategory BUS = new ServiceCategory("617", "公交");
    private static final ServiceCategory HOTEL = new ServiceCategory("618", "酒店");
    private static final ServiceCategory TAXI = new ServiceCategory("619", "出租车");
    private static final ServiceCategory BANK = new ServiceCategory("620", "银行");
    private static final ServiceCategory GYM = new ServiceCategory("621", "健身");

    private static final List<Tpl> TEMPLATES = List.of(
            new Tpl("t1", "订单发货通知", "616"),
            new Tpl("t2", "乘车提醒", "617"),
            new Tpl("t3", "订单支付成功", "616"),
            new Tpl("t4", "入住提醒", "618"),
            new Tpl("t5", "旧模板", null),
            new Tpl("t6", "别的类目", "999"));

    @Test
    void fiveCategoriesAreAllowed() {
        CategorySelection five = CategorySelection.of(SHOP, BUS, HOTEL, TAXI, BANK);
        assertThat(five.problems()).isEmpty();
        assertThat(five.canAdd()).isFalse();
        assertThat(CategorySelection.of(SHOP).canAdd()).isTrue();
        assertThat(CategorySelection.empty().problems()).isEmpty();
    }

    @Test
    void sixAreTooMany() {
        CategorySelection six = CategorySelection.of(SHOP, BUS, HOTEL, TAXI, BANK, GYM);
        assertThat(six.problems()).extracting(UserError::code, UserError::field)
                .containsExactly(tuple("CATEGORY_LIMIT_EXCEEDED", "categories"));
        assertThat(six.problems().get(0).message()).contains("5").contains("6");
    }

    @Test
    void duplicatesAndBlankIdsAreErrorsOnTheirPosition() {
        CategorySelection s = CategorySelection.of(List.of(SHOP, new ServiceCategory(" 616 ", "again"),
                new ServiceCategory("  ", null), BUS));
        assertThat(s.problems()).extracting(UserError::code, UserError::field).containsExactly(
                tuple("CATEGORY_DUPLICATE", "categories.1"),
                tuple("CATEGORY_REQUIRED", "categories.2"));
    }

    @Test
    void removingACategoryDeletesItsTemplates() {
        CategorySelection now = CategorySelection.of(SHOP, BUS, HOTEL);
        CategoryChange<Tpl> change = now.changeTo(now.without("616"), TEMPLATES, Tpl::categoryId);
        assertThat(change.removed()).containsExactly(SHOP);
        assertThat(change.added()).isEmpty();
        assertThat(change.deletedTemplates()).extracting(Tpl::id).containsExactly("t1", "t3");
        assertThat(change.deletesTemplates()).isTrue();
        assertThat(change.isChange()).isTrue();
    }

    @Test
    void replacingACategoryDeletesTheOldOnesTemplates() {
        CategorySelection now = CategorySelection.of(SHOP, BUS, HOTEL);
        CategorySelection next = now.replacing("617", TAXI);
        assertThat(next.categories()).containsExactly(SHOP, TAXI, HOTEL);
        CategoryChange<Tpl> change = now.changeTo(next, TEMPLATES, Tpl::categoryId);
        assertThat(change.added()).containsExactly(TAXI);
        assertThat(change.removed()).containsExactly(BUS);
        assertThat(change.deletedTemplates()).extracting(Tpl::title).containsExactly("乘车提醒");
    }

    @Test
    void addingACategoryDeletesNothingButIsAChange() {
        CategorySelection now = CategorySelection.of(SHOP);
        CategoryChange<Tpl> change = now.changeTo(CategorySelection.of(SHOP, BANK), TEMPLATES, Tpl::categoryId);
        assertThat(change.added()).containsExactly(BANK);
        assertThat(change.deletesTemplates()).isFalse();
        assertThat(change.isChange()).isTrue();
    }

    @Test
    void reorderingOrRenamingIsNoChange() {
        CategorySelection now = CategorySelection.of(SHOP, BUS);
        CategoryChange<Tpl> change = now.changeTo(CategorySelection.of(new ServiceCategory("617", "公交车"), SHOP),
                TEMPLATES, Tpl::categoryId);
        assertThat(change.isChange()).isFalse();
        assertThat(change.deletedTemplates()).isEmpty();
    }

    @Test
    void removingEverythingDeletesEveryTemplateOfTheSelectedCategoriesOnly() {
        CategorySelection now = CategorySelection.of(SHOP, BUS, HOTEL);
        CategoryChange<Tpl> change = now.changeTo(CategorySelection.empty(), TEMPLATES, Tpl::categoryId);
        assertThat(change.deletedTemplates()).extracting(Tpl::id).containsExactly("t1", "t2", "t3", "t4");
    }

    @Test
    void templateCategoryIdsAreTrimmed() {
        CategorySelection now = CategorySelection.of(SHOP);
        CategoryChange<Tpl> change = now.changeTo(CategorySelection.empty(), List.of(new Tpl("t", "x", " 616 ")), Tpl::categoryId);
        assertThat(change.deletedTemplates()).hasSize(1);
    }

    @Test
    void noTemplatesMeansNothingDeleted() {
        CategorySelection now = CategorySelection.of(SHOP);
        assertThat(now.changeTo(CategorySelection.empty(), null, Tpl::categoryId).deletedTemplates()).isEmpty();
    }

    @Test
    void withoutAnUnselectedCategoryIsTheSame() {
        CategorySelection now = CategorySelection.of(SHOP, BUS);
        assertThat(now.without("999")).isEqualTo(now);
        assertThat(now.contains("616")).isTrue();
        assertThat(now.without("616").contains("616")).isFalse();
        assertThat(now.size()).isEqualTo(2);
    }

    @Test
    void replacingAnUnselectedCategoryIsABug() {
        assertThatThrownBy(() -> CategorySelection.of(SHOP).replacing("999", BUS)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void categoryDisplayNameFallsBackToTheId() {
        assertThat(new ServiceCategory("1", null).displayName()).isEqualTo("1");
        assertThat(new ServiceCategory("1", " ").displayName()).isEqualTo("1");
        assertThat(SHOP.displayName()).isEqualTo("电商平台");
        assertThatThrownBy(() -> new ServiceCategory(null, "x")).isInstanceOf(NullPointerException.class);
    }

    @Test
    void changesCountedAreOnePerRemovedCategoryAndOneForAllAdded() {
        CategorySelection now = CategorySelection.of(SHOP, BUS, HOTEL);
        assertThat(now.changeTo(now, TEMPLATES, Tpl::categoryId).changesCounted()).isZero();
        assertThat(now.changeTo(CategorySelection.of(SHOP, BUS, HOTEL, TAXI, BANK), TEMPLATES, Tpl::categoryId).changesCounted()).isEqualTo(1);
        assertThat(now.changeTo(CategorySelection.of(SHOP), TEMPLATES, Tpl::categoryId).changesCounted()).isEqualTo(2);
        assertThat(now.changeTo(CategorySelection.of(TAXI, GYM), TEMPLATES, Tpl::categoryId).changesCounted()).isEqualTo(4);
    }

    @Test
    void aCategoryHoldsTheTemplatesWeChatListsUnderItsNames() {
        ServiceCategory shop = new ServiceCategory("307", "电商平台", "1", "商业服务");
        assertThat(shop.holds("电商平台", "商业服务")).isTrue();
        assertThat(shop.holds(" 电商平台 ", "")).as("deputy not given").isTrue();
        assertThat(shop.holds("电商平台", "生活服务")).as("same name under another parent").isFalse();
        assertThat(shop.holds("快递服务", "商业服务")).isFalse();
        assertThat(shop.holds(null, "商业服务")).isFalse();
        assertThat(new ServiceCategory("307", "电商平台").holds("电商平台", "商业服务")).as("parent unknown").isTrue();
        assertThat(new ServiceCategory("307", null).holds("电商平台", "商业服务")).as("name unknown").isFalse();
    }
}
