"""scikit-learn's estimator tags for the classic estimators, built only when scikit-learn asks.

scikit-learn (≥ 1.6) reads what an estimator is and accepts from its
``__sklearn_tags__()``; its cross-validation, pipelines and searches need them.
The import of scikit-learn happens inside :func:`sklearn_tags`, so neurona does
not depend on it.
"""
from __future__ import annotations

from typing import Any


def sklearn_tags(estimator_type: str, multi_class: bool = True) -> Any:
    """The ``sklearn.utils.Tags`` of a dense, single-output ``'regressor'`` or ``'classifier'``.

    Examples
    --------
    >>> from importlib.util import find_spec
    >>> if find_spec("sklearn"):                          # scikit-learn is optional
    ...     tags = sklearn_tags("classifier", multi_class=False)
    ...     assert (tags.estimator_type, tags.classifier_tags.multi_class) == ("classifier", False)
    """
    from sklearn.utils import ClassifierTags, RegressorTags, Tags, TargetTags

    classifier = estimator_type == "classifier"
    return Tags(
        estimator_type=estimator_type,
        target_tags=TargetTags(required=True),
        classifier_tags=ClassifierTags(multi_class=multi_class) if classifier else None,
        regressor_tags=None if classifier else RegressorTags(),
    )
