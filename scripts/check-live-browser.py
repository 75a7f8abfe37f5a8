#!/usr/bin/env python3
"""Browser check of `descent live`: headless Chromium through selenium.

Starts `descent live --port 0`, loads the page at 1280x720, waits for the first view, moves the
learning-rate slider and clicks the landscape, and checks that the path and the numbers changed,
that the URL holds the new state (and reloading it shows the same view), and that the browser's
console logged no errors. Does the same in Finnish (lang=fi). Saves screenshots to the folder
given (default live-screenshots/). Exit status 0 when every check passed.

Needs: Debian's chromium and chromium-driver, and selenium from PyPI
(apt-get install -y chromium chromium-driver; pip install selenium --break-system-packages).

Usage: scripts/check-live-browser.py [path/to/descent] [screenshot-folder]
"""
import os
import subprocess
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

DESCENT = sys.argv[1] if len(sys.argv) > 1 else ".build/debug/descent"
FOLDER = sys.argv[2] if len(sys.argv) > 2 else "live-screenshots"
failures = []


def check(condition, what):
    print(("ok    " if condition else "FAIL  ") + what)
    if not condition:
        failures.append(what)


def start_server():
    process = subprocess.Popen([DESCENT, "live", "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = process.stdout.readline()
    url = next((word for word in line.split() if word.startswith("http://")), None)
    if not url:
        process.kill()
        sys.exit(f"descent live printed no URL: {line!r} {process.stderr.read()!r}")
    return process, url


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,720", "--hide-scrollbars",
                     "--force-device-scale-factor=1"]:
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_window_size(1280, 720)
    # The window's outer size includes no chrome in headless mode; make the viewport exactly 1280x720.
    inner = driver.execute_script("return [window.innerWidth, window.innerHeight]")
    driver.set_window_size(1280 + 1280 - inner[0], 720 + 720 - inner[1])
    return driver


def ready_count(driver):
    return int(driver.find_element(By.TAG_NAME, "body").get_attribute("data-ready") or 0)


def wait_for_view(driver, after):
    WebDriverWait(driver, 20).until(lambda d: ready_count(d) > after)
    time.sleep(0.3)


def snapshot(driver):
    return {
        "path": driver.execute_script("return document.querySelector('#overlay polyline:nth-of-type(2)').getAttribute('points')"),
        "numbers": driver.find_element(By.ID, "numbers").text,
        "url": driver.current_url,
    }


def errors(driver):
    return [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def run(driver, url, language):
    suffix = "" if language == "en" else "-fi"
    driver.get(url + ("?playing=0" if language == "en" else "?lang=fi&playing=0"))
    wait_for_view(driver, 0)
    check(driver.execute_script("return document.documentElement.scrollWidth <= 1280"), f"{language}: the page fits 1280 px wide")
    driver.save_screenshot(os.path.join(FOLDER, f"live{suffix}-start.png"))
    before = snapshot(driver)
    check(bool(before["numbers"]), f"{language}: the numbers are shown")
    if language == "fi":
        check("Epookki" in before["numbers"] and "," in before["numbers"], f"fi: the numbers are in Finnish: {before['numbers'][:40]!r}")

    # Move the learning-rate slider with the keyboard (each arrow press is one input event).
    count = ready_count(driver)
    slider = driver.find_element(By.ID, "lr")
    slider.click()
    for _ in range(60):
        slider.send_keys("\ue014")  # right arrow: log10(lr) + 0.01
    wait_for_view(driver, count)
    driver.find_element(By.ID, "scrub").send_keys("\ue010")  # End: the last epoch
    time.sleep(0.2)
    after_lr = snapshot(driver)
    check(after_lr["path"] != before["path"], f"{language}: the path changed with the learning rate")
    check(after_lr["numbers"] != before["numbers"], f"{language}: the numbers changed with the learning rate")
    check("lr=" in after_lr["url"], f"{language}: the URL holds the learning rate ({after_lr['url']})")
    driver.save_screenshot(os.path.join(FOLDER, f"live{suffix}-lr.png"))

    # Click the landscape (right panel) a little up and left of its centre.
    count = ready_count(driver)
    overlay = driver.find_element(By.ID, "overlay")
    clip = driver.execute_script("return document.querySelector('#clip-landscape rect').getBBox ? [] : []")
    box = overlay.rect
    ActionChains(driver).move_to_element_with_offset(overlay, int(box["width"] * 0.22), int(-box["height"] * 0.18)).click().perform()
    wait_for_view(driver, count)
    driver.find_element(By.ID, "scrub").send_keys("\ue010")
    time.sleep(0.2)
    after_click = snapshot(driver)
    check(after_click["path"].split(" ")[0] != after_lr["path"].split(" ")[0], f"{language}: the click moved the start")
    check("init=" in after_click["url"], f"{language}: the URL holds the clicked start")
    driver.save_screenshot(os.path.join(FOLDER, f"live{suffix}-click.png"))

    # Play a little: the epoch advances.
    driver.find_element(By.ID, "scrub").send_keys("\ue011")  # Home
    driver.find_element(By.ID, "play").click()
    time.sleep(1.0)
    played = snapshot(driver)
    check(played["numbers"] != after_click["numbers"], f"{language}: playing advances the epoch")
    driver.save_screenshot(os.path.join(FOLDER, f"live{suffix}-playing.png"))
    driver.find_element(By.ID, "play").click()  # pause

    # The URL reproduces the view.
    time.sleep(0.6)
    state = snapshot(driver)
    driver.get(state["url"])
    wait_for_view(driver, 0)
    again = snapshot(driver)
    check(again["path"] == state["path"] and again["numbers"] == state["numbers"], f"{language}: reloading the URL shows the same view")

    logged = errors(driver)
    check(not logged, f"{language}: the console logged no errors {logged}")


def run_surface(driver, url):
    """Rosenbrock from the model menu: the landscape is the surface's, the slider and a click work."""
    driver.get(url + "?playing=0")
    wait_for_view(driver, 0)
    count = ready_count(driver)
    driver.execute_script("var m = document.getElementById('model'); m.value = 'rosenbrock'; m.dispatchEvent(new Event('change'));")
    wait_for_view(driver, count)
    before = snapshot(driver)
    check("surface=rosenbrock" in before["url"], f"surface: the URL holds the surface ({before['url']})")
    check("x = " in before["numbers"] and "f = " in before["numbers"], f"surface: the numbers are x, y and f: {before['numbers'][:60]!r}")
    driver.save_screenshot(os.path.join(FOLDER, "live-surface-start.png"))
    count = ready_count(driver)
    slider = driver.find_element(By.ID, "lr")
    slider.click()
    for _ in range(25):
        slider.send_keys("\ue014")
    wait_for_view(driver, count)
    after_lr = snapshot(driver)
    check(after_lr["path"] != before["path"], "surface: the path changed with the learning rate")
    count = ready_count(driver)
    overlay = driver.find_element(By.ID, "overlay")
    box = overlay.rect
    ActionChains(driver).move_to_element_with_offset(overlay, int(box["width"] * 0.15), int(box["height"] * 0.2)).click().perform()
    wait_for_view(driver, count)
    driver.find_element(By.ID, "scrub").send_keys("\ue010")
    time.sleep(0.2)
    after_click = snapshot(driver)
    check(after_click["path"].split(" ")[0] != after_lr["path"].split(" ")[0], "surface: the click moved the start")
    driver.save_screenshot(os.path.join(FOLDER, "live-surface-click.png"))
    count = ready_count(driver)
    driver.execute_script("var m = document.getElementById('model'); m.value = 'formula'; m.dispatchEvent(new Event('change'));")
    wait_for_view(driver, count)
    count = ready_count(driver)
    driver.execute_script("var f = document.getElementById('formula'); f.value = 'x^2 + 10*y^2 + sin(3*x)*cos(2*y)'; f.dispatchEvent(new Event('change'));")
    wait_for_view(driver, count)
    formula = snapshot(driver)
    check("surface=x" in formula["url"], f"surface: a typed formula is in the URL ({formula['url'][:90]})")
    driver.save_screenshot(os.path.join(FOLDER, "live-surface-formula.png"))
    count = ready_count(driver)
    driver.execute_script("var f = document.getElementById('formula'); f.value = 'x^2 +* y'; f.dispatchEvent(new Event('change'));")
    WebDriverWait(driver, 10).until(lambda d: "column" in d.find_element(By.ID, "status").text)
    check("column 6" in driver.find_element(By.ID, "status").text, "surface: a malformed formula shows the API's error with its column")
    logged = [entry for entry in errors(driver) if "400" not in entry["message"]]
    check(not logged, f"surface: the console logged no errors other than the refused formula's 400 {logged}")


def measure(driver, url):
    """Updates a second at 1280x720: frames the animation draws, and new views while the slider moves."""
    driver.get(url + "?epochs=5000&lr=0.01&optimizer=gd")
    wait_for_view(driver, 0)
    drawn = driver.execute_async_script("""
        var done = arguments[arguments.length - 1], numbers = document.getElementById('numbers'), count = 0;
        new MutationObserver(function () { count++; }).observe(numbers, {childList: true, characterData: true, subtree: true});
        setTimeout(function () { done(count / 3); }, 3000);""")
    print(f"measure: the playing animation drew {drawn:.1f} updates a second")
    check(drawn >= 20, f"the animation draws at least 20 updates a second ({drawn:.1f})")
    views = driver.execute_async_script("""
        var done = arguments[arguments.length - 1], n = 0, start = performance.now();
        function next() {
          var lr = (0.001 + 0.0001 * n).toFixed(5);
          fetch('/api/view?lr=' + lr).then(function (r) { return r.json(); }).then(function () {
            n++;
            if (performance.now() - start < 4000) next(); else done(n / ((performance.now() - start) / 1000));
          });
        }
        next();""")
    print(f"measure: one client gets {views:.1f} new views a second (each a new run, one after another)")
    check(views >= 20, f"a slider's new views arrive at least 20 times a second ({views:.1f})")


def main():
    os.makedirs(FOLDER, exist_ok=True)
    process, url = start_server()
    driver = None
    try:
        driver = browser()
        driver.set_script_timeout(30)
        run(driver, url, "en")
        run(driver, url, "fi")
        run_surface(driver, url)
        measure(driver, url)
    finally:
        if driver:
            driver.quit()
        process.terminate()
        process.wait(timeout=10)
    print(f"{len(failures)} failed" if failures else f"all passed; screenshots in {FOLDER}/")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
