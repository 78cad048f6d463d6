"""Feature and class names of the tabular datasets, in column and class-index order.

Examples
--------
>>> IRIS_CLASS_NAMES[2]
'virginica'
>>> len(BREAST_CANCER_FEATURE_NAMES)
30
"""

from __future__ import annotations

__all__ = [
    "IRIS_FEATURE_NAMES", "IRIS_CLASS_NAMES",
    "BREAST_CANCER_FEATURE_NAMES", "BREAST_CANCER_CLASS_NAMES",
    "BOSTON_FEATURE_NAMES",
    "WINE_FEATURE_NAMES", "WINE_CLASS_NAMES",
    "CALIFORNIA_FEATURE_NAMES", "CALIFORNIA_RAW_FEATURE_NAMES",
]

IRIS_FEATURE_NAMES = (
    "sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)",
)
IRIS_CLASS_NAMES = ("setosa", "versicolor", "virginica")

_WDBC_MEASURES = (
    "radius", "texture", "perimeter", "area", "smoothness",
    "compactness", "concavity", "concave points", "symmetry", "fractal dimension",
)
BREAST_CANCER_FEATURE_NAMES = (
    tuple(f"mean {m}" for m in _WDBC_MEASURES)
    + tuple(f"{m} error" for m in _WDBC_MEASURES)
    + tuple(f"worst {m}" for m in _WDBC_MEASURES)
)
BREAST_CANCER_CLASS_NAMES = ("benign", "malignant")

BOSTON_FEATURE_NAMES = (
    "CRIM", "ZN", "INDUS", "CHAS", "NOX", "RM", "AGE",
    "DIS", "RAD", "TAX", "PTRATIO", "B", "LSTAT",
)

WINE_FEATURE_NAMES = (
    "alcohol", "malic_acid", "ash", "alcalinity_of_ash", "magnesium",
    "total_phenols", "flavanoids", "nonflavanoid_phenols", "proanthocyanins",
    "color_intensity", "hue", "od280/od315_of_diluted_wines", "proline",
)
WINE_CLASS_NAMES = ("class_0", "class_1", "class_2")

CALIFORNIA_FEATURE_NAMES = (
    "MedInc", "HouseAge", "AveRooms", "AveBedrms",
    "Population", "AveOccup", "Latitude", "Longitude",
)
CALIFORNIA_RAW_FEATURE_NAMES = (
    "longitude", "latitude", "housingMedianAge", "totalRooms",
    "totalBedrooms", "population", "households", "medianIncome",
)
