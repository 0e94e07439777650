"""The check that keeps email addresses and phone numbers out of posts and messages."""

import pytest
from django.core.exceptions import ValidationError

from portal.needs.validators import check_personal_data, find_phone_numbers

PHONE_NUMBERS = [
    "Call +856 20 5555 1234 after noon",  # Lao mobile, international
    "(+856) 20-5555-1234",
    "+856-21-212345",  # Vientiane landline, international
    "ring 020 5555 1234",  # Lao mobile, local
    "020 55551234",
    "office 021 212 345",  # Vientiane landline, local
    "+66 81 234 5678",  # Thai mobile, international
    "+66812345678",
    "0066 81 234 5678",  # Thai mobile, with the international prefix
    "Line 081-234-5678",  # Thai mobile, local
    "Bangkok office 02 123 4567",  # Thai landline, local
    "+855 12 345 678",  # Cambodia
    "012 345 678",  # Cambodia, local
    "+84 912 345 678",  # Viet Nam
    "0912 345 678",  # Viet Nam, local
]

NOT_PHONE_NUMBERS = [
    "from 01.02.2026 to 31.12.2026",
    "in the years 2005-2010",
    "a budget of 10,000,000 kip",
    "USD 2,500 for 12 months",
    "120 beds and 35 staff",
    "by 2026-06-30",
    "reference 2026/03/15",
]

EMAILS = [
    "write to case.worker@example.org",
    "contact: name+tag@mail.example.co.th",
    "name (at) example (dot) org",
    "name [at] example.org",
]


@pytest.mark.parametrize("text", PHONE_NUMBERS)
def test_phone_numbers_in_regional_formats_are_refused(text):
    with pytest.raises(ValidationError) as caught:
        check_personal_data(text)
    assert caught.value.code == "phone_number"
    message = caught.value.messages[0]
    assert "phone number" in message and "victims" in message


@pytest.mark.parametrize("text", NOT_PHONE_NUMBERS)
def test_dates_years_and_amounts_are_not_taken_for_phone_numbers(text):
    check_personal_data(text)


@pytest.mark.parametrize("text", EMAILS)
def test_email_addresses_are_refused_and_named_in_the_message(text):
    with pytest.raises(ValidationError) as caught:
        check_personal_data(text)
    assert caught.value.code == "email_address"
    assert "email address" in caught.value.messages[0]


def test_the_message_quotes_what_was_found_so_it_can_be_removed():
    with pytest.raises(ValidationError) as caught:
        check_personal_data("We are at 020 5555 1234 every day")
    assert "020 5555 1234" in caught.value.messages[0]


def test_local_numbers_of_a_posts_own_country_are_read_with_its_plan():
    # A Nepali mobile number written locally is only a number for the Nepali plan.
    assert find_phone_numbers("call 9841234567") == []
    assert find_phone_numbers("call 9841234567", regions=("NP",)) == ["9841234567"]


def test_lao_and_thai_text_without_contact_details_passes():
    check_personal_data("ຕ້ອງການນາຍແປພາສາ ສຳລັບສານ ໃນແຂວງສະຫວັນນະເຂດ")
    check_personal_data("ต้องการล่ามภาษาลาวสำหรับการพิจารณาคดีในศาล")
