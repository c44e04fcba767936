"""An installed wheel finds its data and resources without the source tree."""

import os
import subprocess
import sys
import zipfile

from conftest import REPO


def test_wheel_carries_data_and_finds_it(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(wheels),
                    str(REPO)], check=True, capture_output=True)
    wheel = next(wheels.glob("almen_gui-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "almen_gui/_data/almene-boliger-2024.csv" in names
    assert "almen_gui/_resources/fonts/OpenSans-Regular.ttf" in names
    assert [n for n in names if "faktaark-glostrup" in n or "tests/" in n] == []  # BL's sheet is a test fixture only
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                   check=True, capture_output=True)
    code = ("import almen_gui, almen_gui.paths as p, almen_gui.model as m\n"
            "print(almen_gui.__file__); print(p.data_dir()); print(p.resources_dir())\n"
            "print(m.load_bundled_dataset().figures_for(161).text('familieboliger'))")
    env = {**os.environ, "PYTHONPATH": str(target)}
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True,
                         check=True).stdout.splitlines()
    assert out[0].startswith(str(target))
    assert out[1] == str(target / "almen_gui" / "_data")
    assert out[2] == str(target / "almen_gui" / "_resources")
    assert out[3] == "4.451"
